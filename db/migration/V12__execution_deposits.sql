-- execution: deposits seen on chain, and how far each chain's escrow has been read.

-- The last block whose Deposited events are recorded, per chain. Advanced in the same transaction as the deposits
-- it covers, and only from the value the reader started from, so two servers reading at once record a range once.
CREATE TABLE execution.deposit_checkpoints (
    chain_id   bigint      PRIMARY KEY,
    last_block bigint      NOT NULL CHECK (last_block >= -1),
    updated_at timestamptz NOT NULL
);

-- Every deposit into an escrow, whatever it names: one SwapDesk cannot match (unknown, expired or under-paid quote)
-- is kept and routed to refund, never dropped. (chain, tx, log index) names a log uniquely: a log read twice is one row.
CREATE TABLE execution.deposits (
    id           uuid          PRIMARY KEY,                  -- UUIDv7
    chain_id     bigint        NOT NULL,
    tx_hash      text          NOT NULL CHECK (tx_hash ~ '^0x[0-9a-f]{64}$'),
    log_index    bigint        NOT NULL CHECK (log_index >= 0),
    block_number bigint        NOT NULL CHECK (block_number >= 0),
    block_hash   text          NOT NULL CHECK (block_hash ~ '^0x[0-9a-f]{64}$'),
    quote_ref    text          NOT NULL CHECK (quote_ref ~ '^0x[0-9a-f]{64}$'),
    quote_id     uuid,                                       -- the quote the reference names, if it is one of ours
    token        text          NOT NULL,
    payer        text          NOT NULL,
    amount       numeric(78,0) NOT NULL CHECK (amount > 0),
    state        text          NOT NULL CHECK (state IN ('RECEIVED', 'COMMITTED', 'REFUND_PENDING', 'REFUNDED')),
    reason       text,
    received_at  timestamptz   NOT NULL,
    updated_at   timestamptz   NOT NULL,
    UNIQUE (chain_id, tx_hash, log_index)
);
-- The commit's queue: deposits not yet handled, oldest first.
CREATE INDEX deposits_received_idx ON execution.deposits (received_at) WHERE state = 'RECEIVED';
CREATE INDEX deposits_quote_idx ON execution.deposits (quote_id);

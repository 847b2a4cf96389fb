-- execution: deliveries of the other asset from the escrow on the destination chain, one per quote, and every signed
-- fill transaction made for them (docs/decisions/0011). A delivery is inserted QUEUED by the commit transaction of its
-- swap; a worker claims it (FOR UPDATE SKIP LOCKED), takes a signer, and in ONE transaction reserves the signer's
-- nonce, signs Escrow.fill and stores the signed bytes here, before anything is broadcast.
--   QUEUED           waiting for a worker and a free signer
--   SUBMITTING       signed and stored; broadcast not yet acknowledged by a node
--   SUBMITTED        a node holds it; receipts are polled to the configured confirmations
--   UNCONFIRMED      no receipt within execution.rebroadcast-after-ms: the same bytes are re-broadcast, the fate is
--                    being resolved from the chain (receipt, or the escrow's filled(quoteRef)); never a new nonce
--   COMPLETED        the escrow filled the quote: tx_hash, block_number, amount_delivered set
--   NEEDS_ATTENTION  the fill reverted and the quote is not filled (reason says why): an operator decides
CREATE TABLE execution.deliveries (
    quote_id         uuid        PRIMARY KEY,
    user_id          uuid        NOT NULL,
    chain_id         bigint      NOT NULL CHECK (chain_id > 0),
    token            text        NOT NULL CHECK (token ~ '^0x[0-9a-fA-F]{40}$'),
    recipient        text        NOT NULL CHECK (recipient ~ '^0x[0-9a-fA-F]{40}$'),
    amount           numeric(78, 0) NOT NULL CHECK (amount > 0),
    status           text        NOT NULL DEFAULT 'QUEUED' CHECK (status IN
                         ('QUEUED', 'SUBMITTING', 'SUBMITTED', 'UNCONFIRMED', 'COMPLETED', 'NEEDS_ATTENTION')),
    signer           text,
    tx_hash          text,
    block_number     bigint,
    block_hash       text,
    amount_delivered numeric(78, 0),
    reason           text,
    from_block       bigint,     -- the destination chain's head when first claimed: where a log search may start
    next_check_at    timestamptz NOT NULL DEFAULT now(),
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now(),
    completed_at     timestamptz,
    CHECK (status <> 'COMPLETED' OR (tx_hash IS NOT NULL AND block_number IS NOT NULL AND amount_delivered IS NOT NULL))
);

CREATE INDEX deliveries_queued ON execution.deliveries (chain_id, created_at) WHERE status = 'QUEUED';
CREATE INDEX deliveries_in_flight ON execution.deliveries (next_check_at)
    WHERE status IN ('SUBMITTING', 'SUBMITTED', 'UNCONFIRMED');

-- Every transaction signed for a delivery, stored in the transaction that reserved its nonce. Re-broadcasts send
-- these bytes again; a row is never changed but for its status and broadcast bookkeeping.
CREATE TABLE execution.delivery_attempts (
    id                uuid        PRIMARY KEY,
    quote_id          uuid        NOT NULL REFERENCES execution.deliveries (quote_id),
    attempt           integer     NOT NULL CHECK (attempt > 0),
    signer            text        NOT NULL,
    nonce             bigint      NOT NULL CHECK (nonce >= 0),
    max_fee_per_gas   numeric(78, 0) NOT NULL,
    max_priority_fee  numeric(78, 0) NOT NULL,
    raw_tx            bytea       NOT NULL,
    tx_hash           text        NOT NULL UNIQUE CHECK (tx_hash ~ '^0x[0-9a-f]{64}$'),
    status            text        NOT NULL DEFAULT 'SIGNED' CHECK (status IN ('SIGNED', 'BROADCAST', 'MINED', 'DROPPED')),
    broadcasts        integer     NOT NULL DEFAULT 0,
    last_broadcast_at timestamptz,
    last_answer       text,
    created_at        timestamptz NOT NULL DEFAULT now(),
    UNIQUE (quote_id, attempt)
);

-- quotes: every quote with what it promised (amounts in base units, the price snapshot with its provenance) and
-- where it is now (status, payment, delivery or refund); and the idempotency keys of quote creation.
CREATE TABLE quotes.quotes (
    id                 uuid           PRIMARY KEY,    -- UUIDv7; on chain as the bytes32 quoteRef
    user_id            uuid           NOT NULL,
    status             text           NOT NULL CHECK (status IN ('PENDING', 'COMMITTED', 'EXECUTING', 'COMPLETED',
                                                                 'EXPIRED', 'REFUNDING', 'REFUNDED', 'MANUAL_REVIEW')),
    from_chain_id      bigint         NOT NULL,
    from_asset         text           NOT NULL,
    from_token         text           NOT NULL CHECK (from_token ~ '^0x[0-9a-fA-F]{40}$'),
    from_decimals      integer        NOT NULL CHECK (from_decimals BETWEEN 0 AND 77),
    to_chain_id        bigint         NOT NULL,
    to_asset           text           NOT NULL,
    to_token           text           NOT NULL CHECK (to_token ~ '^0x[0-9a-fA-F]{40}$'),
    to_decimals        integer        NOT NULL CHECK (to_decimals BETWEEN 0 AND 77),
    recipient          text           NOT NULL CHECK (recipient ~ '^0x[0-9a-fA-F]{40}$'),
    amount_in          numeric(78, 0) NOT NULL CHECK (amount_in > 0),
    amount_out         numeric(78, 0) NOT NULL CHECK (amount_out > 0),
    min_amount_out     numeric(78, 0) NOT NULL CHECK (min_amount_out >= 0 AND min_amount_out <= amount_out),
    fee                numeric(78, 0) NOT NULL CHECK (fee >= 0),
    notional_usd_cents numeric(78, 0) NOT NULL CHECK (notional_usd_cents >= 0),
    price              jsonb          NOT NULL,       -- the price snapshot and its provenance, shown as is
    escrow             text           NOT NULL CHECK (escrow ~ '^0x[0-9a-fA-F]{40}$'),
    created_at         timestamptz    NOT NULL,
    expires_at         timestamptz    NOT NULL CHECK (expires_at > created_at),
    updated_at         timestamptz    NOT NULL,
    -- The payment, set by the commit.
    paid_amount        numeric(78, 0),
    payer              text,
    deposit_tx_hash    text,
    committed_at       timestamptz,
    -- The delivery or refund.
    tx_hash            text,
    block_number       bigint,
    amount_delivered   numeric(78, 0),
    reason             text           CHECK (reason ~ '^[A-Z][A-Z0-9_]{0,63}$')
);
-- A user's quotes, newest first (ids are time-ordered), with or without a status filter.
CREATE INDEX quotes_user_idx ON quotes.quotes (user_id, id DESC);
CREATE INDEX quotes_user_status_idx ON quotes.quotes (user_id, status, id DESC);
-- The expiry job's queue: unpaid quotes by expiry.
CREATE INDEX quotes_pending_expiry_idx ON quotes.quotes (expires_at) WHERE status = 'PENDING';

-- Idempotency-Key of POST /api/quotes, per user: the same key with the same request answers the same quote; with
-- another request it is refused. request_hash is the SHA-256 of the request's canonical form.
CREATE TABLE quotes.idempotency_keys (
    user_id         uuid        NOT NULL,
    idempotency_key text        NOT NULL CHECK (length(idempotency_key) BETWEEN 1 AND 200),
    request_hash    bytea       NOT NULL CHECK (length(request_hash) = 32),
    quote_id        uuid        NOT NULL,
    created_at      timestamptz NOT NULL,
    PRIMARY KEY (user_id, idempotency_key)
);

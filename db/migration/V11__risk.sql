-- risk: limits, the day's counted value per chain and per user, and the reservations of committed quotes (risk
-- capacity and treasury liquidity). All values in US cents at the quote's price snapshot (docs/decisions/0012).

-- Operator-set limits. scope '*' is the default of a kind; a chain id or a user id overrides it for that chain or
-- user. Without a row the configured default applies (risk.limits.*).
CREATE TABLE risk.limits (
    kind       text           NOT NULL CHECK (kind IN ('per-quote', 'chain-daily', 'user-daily')),
    scope      text           NOT NULL CHECK (length(scope) BETWEEN 1 AND 64),
    usd_cents  numeric(38, 0) NOT NULL CHECK (usd_cents >= 0),
    updated_at timestamptz    NOT NULL,
    updated_by text           NOT NULL,
    PRIMARY KEY (kind, scope)
);

-- The value committed per (kind, scope, UTC day). Changed only by conditional updates: used + x <= limit.
CREATE TABLE risk.counters (
    kind           text           NOT NULL CHECK (kind IN ('chain-daily', 'user-daily')),
    scope          text           NOT NULL,
    day            date           NOT NULL,
    used_usd_cents numeric(38, 0) NOT NULL CHECK (used_usd_cents >= 0),
    PRIMARY KEY (kind, scope, day)
);

-- Liquidity reserved per destination chain and token: the sum of the open treasury reservations, kept as one row so
-- that "reserved + x <= balance" is one atomic conditional update.
CREATE TABLE risk.treasury_reserved (
    chain_id bigint         NOT NULL,
    token    text           NOT NULL CHECK (token ~ '^0x[0-9a-fA-F]{40}$'),
    reserved numeric(78, 0) NOT NULL CHECK (reserved >= 0),
    PRIMARY KEY (chain_id, token)
);

-- One reservation per committed quote: what was counted and reserved, so that it can be released exactly once.
CREATE TABLE risk.reservations (
    quote_id             uuid           PRIMARY KEY,
    user_id              uuid           NOT NULL,
    chain_id             bigint         NOT NULL,     -- the chain whose daily limit was charged
    day                  date           NOT NULL,     -- the UTC day charged
    usd_cents            numeric(38, 0) NOT NULL CHECK (usd_cents >= 0),
    treasury_chain_id    bigint         NOT NULL,
    token                text           NOT NULL,
    amount               numeric(78, 0) NOT NULL CHECK (amount > 0),
    created_at           timestamptz    NOT NULL,
    treasury_released_at timestamptz,
    counters_released_at timestamptz
);
CREATE INDEX reservations_open_idx ON risk.reservations (treasury_chain_id, token) WHERE treasury_released_at IS NULL;

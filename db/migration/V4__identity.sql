-- identity: users, their verified wallets, their roles, sign-in challenges and the sign-in rate-limit windows.

CREATE TABLE identity.users (
    id         uuid        PRIMARY KEY,             -- UUIDv7
    created_at timestamptz NOT NULL
);

-- A verified address belongs to exactly one user: the unique key is what makes "user A registers user B's
-- wallet" impossible, whatever the application code does.
CREATE TABLE identity.wallets (
    family      text        NOT NULL CHECK (family IN ('evm', 'solana', 'stellar', 'near')),
    address     text        NOT NULL CHECK (length(address) BETWEEN 1 AND 64),  -- canonical form per family
    user_id     uuid        NOT NULL REFERENCES identity.users (id),
    verified_at timestamptz NOT NULL,
    PRIMARY KEY (family, address)
);
CREATE INDEX wallets_user_idx ON identity.wallets (user_id);

-- Roles granted beyond 'trader', which every user has. Bootstrap admins come from configuration, not from here.
CREATE TABLE identity.user_roles (
    user_id    uuid        NOT NULL REFERENCES identity.users (id),
    role       text        NOT NULL CHECK (role IN ('admin')),
    granted_by uuid        NOT NULL,
    granted_at timestamptz NOT NULL,
    PRIMARY KEY (user_id, role)
);

-- Single-use sign-in challenges. The nonce is stored as its SHA-256 only: the table never holds a usable nonce.
CREATE TABLE identity.challenges (
    id          uuid        PRIMARY KEY,            -- UUIDv7
    nonce_hash  bytea       NOT NULL UNIQUE CHECK (length(nonce_hash) = 32),
    family      text        NOT NULL CHECK (family IN ('evm', 'solana', 'stellar', 'near')),
    address     text        NOT NULL,
    chain_id    text        NOT NULL,
    message     text        NOT NULL CHECK (length(message) <= 2048),
    issued_at   timestamptz NOT NULL,
    expires_at  timestamptz NOT NULL,
    consumed_at timestamptz,
    CHECK (expires_at > issued_at)
);
-- The purge deletes expired challenges oldest first.
CREATE INDEX challenges_expiry_idx ON identity.challenges (expires_at);

-- Fixed one-minute windows per rate-limit key (e.g. 'challenge:ip:127.0.0.1'). In the database, not in memory,
-- so that the limits hold across every server sharing it.
CREATE TABLE identity.rate_limit_windows (
    limit_key    text        NOT NULL CHECK (length(limit_key) <= 200),
    window_start timestamptz NOT NULL,
    hits         integer     NOT NULL CHECK (hits > 0),
    PRIMARY KEY (limit_key, window_start)
);
CREATE INDEX rate_limit_windows_start_idx ON identity.rate_limit_windows (window_start);

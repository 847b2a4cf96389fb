-- chains: the signer accounts that send the escrow's fill transactions, one row per (chain, account). The private
-- keys are configuration (chains.signers.<chainId>, from the environment) and never stored; a row holds the account's
-- address, the nonce its next transaction takes, and who holds it (docs/decisions/0011).
--   FREE      nobody holds it; the least recently used FREE signer is handed out first (FOR UPDATE SKIP LOCKED)
--   HELD      one holder (a delivery) owns it until the fate of every transaction it signed with it is known
--   COOLDOWN  a transaction's fate stayed uncertain: not handed out before cooldown_until, and then only once the
--             chain shows no pending transaction of the account (its next nonce is read back from the chain)
CREATE TABLE chains.signers (
    chain_id       bigint      NOT NULL CHECK (chain_id > 0),
    address        text        NOT NULL CHECK (address ~ '^0x[0-9a-fA-F]{40}$'),
    next_nonce     bigint      NOT NULL CHECK (next_nonce >= 0),
    state          text        NOT NULL DEFAULT 'FREE' CHECK (state IN ('FREE', 'HELD', 'COOLDOWN')),
    holder         uuid,
    cooldown_until timestamptz,
    last_used_at   timestamptz,
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (chain_id, address),
    CHECK ((state = 'FREE') = (holder IS NULL)),
    CHECK ((state = 'COOLDOWN') = (cooldown_until IS NOT NULL))
);

-- Least recently used first among the free signers of a chain (never used ones before all others).
CREATE INDEX signers_free ON chains.signers (chain_id, last_used_at NULLS FIRST) WHERE state = 'FREE';

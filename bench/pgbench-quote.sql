-- The baseline of quote creation (bin/bench-swap): the rows one POST /api/quotes writes, the idempotency key and then
-- the quote, in one transaction per quote, the same columns, run with -M prepared (values travel as
-- parameters, as over JDBC). The amounts, tokens and price snapshot are those of a quote the server made in this run.
-- Ids are time-ordered like the server's UUIDv7: :base (milliseconds << 16) plus a per-client counter.
\set i :i + 1
\set hi :base + :i * 64 + :client_id
\set lo random(1, 9223372036854775807)
\set uid :client_id + 1
BEGIN;
INSERT INTO quotes.idempotency_keys (user_id, idempotency_key, request_hash, quote_id, created_at)
VALUES (CAST(lpad(to_hex(CAST(:uid AS integer)), 32, '0') AS uuid), 'k-' || :hi || '-' || :lo,
        sha256(convert_to(CAST(:lo AS text), 'UTF8')),
        CAST(lpad(to_hex(CAST(:hi AS bigint)), 16, '0') || lpad(to_hex(CAST(:lo AS bigint)), 16, '0') AS uuid), now())
ON CONFLICT (user_id, idempotency_key) DO NOTHING;
INSERT INTO quotes.quotes (id, user_id, status, from_chain_id, from_asset, from_token, from_decimals, to_chain_id,
    to_asset, to_token, to_decimals, recipient, amount_in, amount_out, min_amount_out, fee, notional_usd_cents, price,
    escrow, created_at, expires_at, updated_at)
VALUES (CAST(lpad(to_hex(CAST(:hi AS bigint)), 16, '0') || lpad(to_hex(CAST(:lo AS bigint)), 16, '0') AS uuid),
        CAST(lpad(to_hex(CAST(:uid AS integer)), 32, '0') AS uuid), 'PENDING', CAST(:from_chain AS bigint), :from_asset,
        :from_token, CAST(:from_decimals AS integer), CAST(:to_chain AS bigint), :to_asset, :to_token,
        CAST(:to_decimals AS integer), :recipient, CAST(:amount_in AS numeric), CAST(:amount_out AS numeric),
        CAST(:min_amount_out AS numeric), CAST(:fee AS numeric), CAST(:notional AS numeric), CAST(:price AS jsonb),
        :escrow, now(), now() + interval '1 hour', now());
END;

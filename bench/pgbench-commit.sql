-- The baseline of the swap's commit (bin/bench-swap): the statements of one DepositCommits.commit transaction, in its
-- order — lock the deposit and mark it COMMITTED; Quotes.commit: load, conditional PENDING -> COMMITTED, the
-- quote.committed outbox row, then risk's SqlCapacity.reserve: the per-quote limit, the user's day counter, the
-- reservation row, the chain's day counter and the treasury reservation (each counter with its limit read in the same
-- statement); Deliveries.schedule — run with -M prepared. The deposits are in bench.deposits (the same table
-- definition as execution.deposits), so that the server's deposit processor does not take them. Before the
-- transaction, the work row is read: the server reads its deposits and their quotes' payouts (20 at a time) and the
-- treasury balance (from the chain, once per batch), before its transaction too.
-- :scope_chain is the chain-day counter's scope: the destination chain (one row for every commit, as in the server).
\set i :i + 1
\set n :offset + :client_id + 1 + :clients * (:i - 1)
SELECT quote_id AS q, deposit_id AS dep, user_id AS u, tx_hash AS tx, payer AS payer, amount_in AS paid,
       amount_out AS out, notional_usd_cents AS cents, recipient AS recipient
FROM bench.commit_work WHERE n = :n \gset
BEGIN;
SELECT 1 FROM bench.deposits WHERE id = CAST(:dep AS uuid) AND state = 'RECEIVED' FOR UPDATE SKIP LOCKED;
UPDATE bench.deposits SET state = 'COMMITTED', reason = NULL, updated_at = now() WHERE id = CAST(:dep AS uuid);
SELECT id::text, user_id::text, status, from_chain_id, from_asset, from_token, from_decimals, to_chain_id, to_asset,
       to_token, to_decimals, recipient, amount_in::text, amount_out::text, min_amount_out::text, fee::text,
       notional_usd_cents::text, price::text, escrow, created_at, expires_at, updated_at, paid_amount::text,
       deposit_tx_hash, committed_at, tx_hash, block_number, amount_delivered::text, reason
FROM quotes.quotes WHERE id = CAST(:q AS uuid);
UPDATE quotes.quotes SET status = 'COMMITTED', paid_amount = CAST(:paid AS numeric), payer = :payer,
    deposit_tx_hash = :tx, committed_at = now(), updated_at = now()
WHERE id = CAST(:q AS uuid) AND status = 'PENDING';
INSERT INTO notifications.outbox (id, event_type, subject, user_id, payload, created_at)
VALUES (gen_random_uuid(), 'quote.committed', :q, CAST(:u AS uuid), CAST(:payload AS jsonb), now());
SELECT usd_cents::text FROM risk.limits WHERE kind = 'per-quote' AND scope IN ('*', '*') ORDER BY scope = '*' LIMIT 1;
INSERT INTO risk.counters AS c (kind, scope, day, used_usd_cents)
SELECT 'user-daily', :u, CAST(:day AS date), CAST(:cents AS numeric)
FROM (SELECT COALESCE((SELECT usd_cents FROM risk.limits WHERE kind = 'user-daily' AND scope IN (:u, '*')
    ORDER BY scope = '*' LIMIT 1), CAST(:user_limit AS numeric)) AS cap) AS l
WHERE CAST(:cents AS numeric) <= l.cap
ON CONFLICT (kind, scope, day) DO UPDATE SET used_usd_cents = c.used_usd_cents + EXCLUDED.used_usd_cents
WHERE c.used_usd_cents + EXCLUDED.used_usd_cents <= COALESCE((SELECT usd_cents FROM risk.limits
    WHERE kind = 'user-daily' AND scope IN (:u, '*') ORDER BY scope = '*' LIMIT 1), CAST(:user_limit AS numeric));
INSERT INTO risk.reservations (quote_id, user_id, chain_id, day, usd_cents, treasury_chain_id, token, amount, created_at)
VALUES (CAST(:q AS uuid), CAST(:u AS uuid), CAST(:to_chain AS bigint), CAST(:day AS date), CAST(:cents AS numeric),
        CAST(:to_chain AS bigint), :to_token, CAST(:out AS numeric), now());
INSERT INTO risk.counters AS c (kind, scope, day, used_usd_cents)
SELECT 'chain-daily', :scope_chain, CAST(:day AS date), CAST(:cents AS numeric)
FROM (SELECT COALESCE((SELECT usd_cents FROM risk.limits WHERE kind = 'chain-daily' AND scope IN (:scope_chain, '*')
    ORDER BY scope = '*' LIMIT 1), CAST(:chain_limit AS numeric)) AS cap) AS l
WHERE CAST(:cents AS numeric) <= l.cap
ON CONFLICT (kind, scope, day) DO UPDATE SET used_usd_cents = c.used_usd_cents + EXCLUDED.used_usd_cents
WHERE c.used_usd_cents + EXCLUDED.used_usd_cents <= COALESCE((SELECT usd_cents FROM risk.limits
    WHERE kind = 'chain-daily' AND scope IN (:scope_chain, '*') ORDER BY scope = '*' LIMIT 1),
    CAST(:chain_limit AS numeric));
INSERT INTO risk.treasury_reserved AS t (chain_id, token, reserved)
SELECT CAST(:to_chain AS bigint), :to_token, CAST(:out AS numeric) WHERE CAST(:out AS numeric) <= CAST(:balance AS numeric)
ON CONFLICT (chain_id, token) DO UPDATE SET reserved = t.reserved + EXCLUDED.reserved
WHERE t.reserved + EXCLUDED.reserved <= CAST(:balance AS numeric);
INSERT INTO execution.deliveries (quote_id, user_id, chain_id, token, recipient, amount)
VALUES (CAST(:q AS uuid), CAST(:u AS uuid), CAST(:to_chain AS bigint), :to_token, :recipient, CAST(:out AS numeric))
ON CONFLICT (quote_id) DO NOTHING;
END;

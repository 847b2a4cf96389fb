-- Seeds the benchmark database: :pairs pairs, :days days of ticks (:ticks_per_minute per minute and pair) ending at
-- the start of the current UTC day, then the bars the charts module would have stored for them. Deterministic: the
-- same arguments give the same rows. Run after the application has migrated the schema.
\set ON_ERROR_STOP on
SELECT pricing.ensure_tick_partition(d::date)
FROM generate_series(date_trunc('day', now() AT TIME ZONE 'UTC') - make_interval(days => :days),
                     date_trunc('day', now() AT TIME ZONE 'UTC'), interval '1 day') AS d;

CREATE TEMP TABLE bench_pairs AS
SELECT p, 'B' || lpad(p::text, 3, '0') || '-USD' AS pair FROM generate_series(1, :pairs) AS p;

-- Ticks: a smooth walk per pair, exact decimals with 8 places.
INSERT INTO pricing.ticks (pair, observed_at, price, confidence)
SELECT bp.pair, t,
       round((1000 * bp.p + 50 * sin(extract(epoch FROM t) / 3600.0 + bp.p)
              + 5 * sin(extract(epoch FROM t) / 37.0 * bp.p))::numeric, 8),
       0.05
FROM bench_pairs bp,
     generate_series(date_trunc('day', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' - make_interval(days => :days),
                     date_trunc('day', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' - make_interval(secs => 60.0 / :ticks_per_minute),
                     make_interval(secs => 60.0 / :ticks_per_minute)) AS t;

-- 1-minute bars from the ticks, as the charts module builds them.
INSERT INTO charts.bars (pair, bar_interval, start_time, open, high, low, close, ticks)
SELECT pair, '1m', date_bin('1 minute', observed_at, 'epoch'),
       (array_agg(price ORDER BY observed_at))[1], max(price), min(price),
       (array_agg(price ORDER BY observed_at DESC))[1], count(*)
FROM pricing.ticks
GROUP BY pair, date_bin('1 minute', observed_at, 'epoch');

-- The larger intervals from the 1-minute bars.
INSERT INTO charts.bars (pair, bar_interval, start_time, open, high, low, close, ticks)
SELECT pair, i.code, date_bin(i.width, start_time, 'epoch'),
       (array_agg(open ORDER BY start_time))[1], max(high), min(low),
       (array_agg(close ORDER BY start_time DESC))[1], sum(ticks)
FROM charts.bars,
     (VALUES ('5m', interval '5 minutes'), ('15m', interval '15 minutes'), ('1h', interval '1 hour'),
             ('4h', interval '4 hours'), ('1d', interval '1 day')) AS i(code, width)
WHERE bar_interval = '1m'
GROUP BY pair, i.code, date_bin(i.width, start_time, 'epoch');

VACUUM ANALYZE pricing.ticks;
VACUUM ANALYZE charts.bars;
SELECT 'ticks', count(*) FROM pricing.ticks
UNION ALL SELECT 'bars ' || bar_interval, count(*) FROM charts.bars GROUP BY bar_interval ORDER BY 1;
SELECT 'ticks size', pg_size_pretty(sum(pg_total_relation_size(inhrelid))) FROM pg_inherits WHERE inhparent = 'pricing.ticks'::regclass
UNION ALL SELECT 'bars size', pg_size_pretty(pg_total_relation_size('charts.bars'));

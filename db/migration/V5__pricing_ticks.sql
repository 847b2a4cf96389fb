-- pricing: every aggregate update (PriceUpdated) is a tick, written in batches by TickRecorder.
-- Range-partitioned by UTC day (docs/decisions/0009): inserts go to one small partition whose index stays in memory,
-- and retention drops whole days (DROP TABLE) instead of deleting hundreds of millions of rows. Charts never read
-- this table: bars are rolled up as the ticks arrive (charts.bars). Partitions are created ahead of the rows by
-- pricing.ensure_tick_partition, which the writer calls for each day in a batch.
CREATE TABLE pricing.ticks (
    pair        text        NOT NULL CHECK (pair ~ '^[A-Z0-9]{2,10}-[A-Z0-9]{2,10}$'),
    observed_at timestamptz NOT NULL,
    price       numeric     NOT NULL CHECK (price > 0),         -- exact decimal as aggregated, never rounded
    confidence  numeric     NOT NULL CHECK (confidence >= 0)
) PARTITION BY RANGE (observed_at);
CREATE INDEX ticks_pair_observed_idx ON pricing.ticks (pair, observed_at);

-- Creates the partition for one UTC day if it is missing. Safe under concurrency (several servers, one database):
-- the advisory lock serialises creators, and the second one finds the table there.
CREATE FUNCTION pricing.ensure_tick_partition(day date) RETURNS void
    LANGUAGE plpgsql AS
$$
DECLARE
    partition_name text := 'ticks_' || to_char(day, 'YYYYMMDD');
BEGIN
    IF to_regclass('pricing.' || partition_name) IS NOT NULL THEN
        RETURN;
    END IF;
    PERFORM pg_advisory_xact_lock(hashtext('pricing.ticks partitions'));
    IF to_regclass('pricing.' || partition_name) IS NOT NULL THEN
        RETURN;
    END IF;
    EXECUTE format('CREATE TABLE pricing.%I PARTITION OF pricing.ticks FOR VALUES FROM (%L) TO (%L)',
                   partition_name, day::timestamp AT TIME ZONE 'UTC', (day + 1)::timestamp AT TIME ZONE 'UTC');
END
$$;

-- Retention: drops the partitions of the days before cutoff (whole days only); returns how many it dropped.
CREATE FUNCTION pricing.drop_tick_partitions_before(cutoff date) RETURNS integer
    LANGUAGE plpgsql AS
$$
DECLARE
    old_partition record;
    dropped       integer := 0;
BEGIN
    PERFORM pg_advisory_xact_lock(hashtext('pricing.ticks partitions'));
    FOR old_partition IN
        SELECT c.relname
        FROM pg_inherits i
                 JOIN pg_class c ON c.oid = i.inhrelid
        WHERE i.inhparent = 'pricing.ticks'::regclass
          AND c.relname ~ '^ticks_[0-9]{8}$'
          AND to_date(substr(c.relname, 7), 'YYYYMMDD') < cutoff
        LOOP
            EXECUTE format('DROP TABLE pricing.%I', old_partition.relname);
            dropped := dropped + 1;
        END LOOP;
    RETURN dropped;
END
$$;

-- charts: OHLC bars of every interval, written as they close (docs/decisions/0009). The history query reads at most
-- 1000 consecutive rows of one (pair, bar_interval) from the primary key, whatever the interval, so it never touches
-- the raw ticks (pricing.ticks) and its cost does not grow with their number.
CREATE TABLE charts.bars (
    pair         text        NOT NULL CHECK (pair ~ '^[A-Z0-9]{2,10}-[A-Z0-9]{2,10}$'),
    bar_interval text        NOT NULL CHECK (bar_interval IN ('1m', '5m', '15m', '1h', '4h', '1d')),
    start_time   timestamptz NOT NULL,
    open         numeric     NOT NULL,  -- exact decimals as the ticks carried them
    high         numeric     NOT NULL,
    low          numeric     NOT NULL,
    close        numeric     NOT NULL,
    ticks        integer     NOT NULL CHECK (ticks > 0),
    PRIMARY KEY (pair, bar_interval, start_time),
    CHECK (low > 0 AND low <= open AND open <= high AND low <= close AND close <= high),
    -- Aligned to UTC: the start is a whole multiple of the interval counted from the Unix epoch.
    CHECK (mod(extract(epoch FROM start_time),
               CASE bar_interval
                   WHEN '1m' THEN 60 WHEN '5m' THEN 300 WHEN '15m' THEN 900
                   WHEN '1h' THEN 3600 WHEN '4h' THEN 14400 ELSE 86400 END) = 0)
);

package io.swapdesk.charts;

import io.swapdesk.pricing.Pair;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * One OHLC bar: the first, highest, lowest and last price of the ticks observed in [start, start + interval).
 * Prices are exact decimals as the ticks carried them, never rounded.
 *
 * @param ticks how many ticks the bar was built from; at least 1
 * @param live  true for the bar still open (its interval has not passed, or its close is not yet final)
 */
public record Bar(Pair pair, Interval interval, Instant start, BigDecimal open, BigDecimal high, BigDecimal low,
                  BigDecimal close, long ticks, boolean live) {

    public Bar {
        Objects.requireNonNull(pair, "pair");
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(open, "open");
        Objects.requireNonNull(high, "high");
        Objects.requireNonNull(low, "low");
        Objects.requireNonNull(close, "close");
        if (!interval.startOf(start).equals(start)) {
            throw new IllegalArgumentException("a " + interval + " bar must start on a " + interval
                    + " boundary (UTC); got " + start);
        }
        if (ticks < 1) {
            throw new IllegalArgumentException("a bar needs at least one tick; got " + ticks);
        }
        if (low.compareTo(high) > 0 || open.compareTo(low) < 0 || open.compareTo(high) > 0
                || close.compareTo(low) < 0 || close.compareTo(high) > 0) {
            throw new IllegalArgumentException("a bar needs low <= open, close <= high; got O " + open.toPlainString()
                    + " H " + high.toPlainString() + " L " + low.toPlainString() + " C " + close.toPlainString());
        }
    }

    /** When the bar's interval ends (exclusive). */
    public Instant end() {
        return start.plus(interval.duration());
    }

    /**
     * This bar (built from earlier ticks of the same interval) joined with one built from later ticks: the open of
     * this one, the close of the later one, the extremes of both.
     */
    public Bar followedBy(Bar later) {
        if (!pair.equals(later.pair) || interval != later.interval || !start.equals(later.start)) {
            throw new IllegalArgumentException("only parts of the same bar join; got " + this + " and " + later);
        }
        return new Bar(pair, interval, start, open, high.max(later.high), low.min(later.low), later.close,
                ticks + later.ticks, later.live);
    }
}

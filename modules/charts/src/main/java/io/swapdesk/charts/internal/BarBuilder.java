package io.swapdesk.charts.internal;

import io.swapdesk.charts.Bar;
import io.swapdesk.charts.Interval;
import io.swapdesk.pricing.Pair;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * The bar of one pair and interval while its ticks arrive. Ticks may arrive out of order within the bar: the open is
 * the price of the earliest observed tick, the close that of the latest (on equal times, the one that arrived last).
 * Prices are compared, never computed with, so they stay exactly as the ticks carried them. Not thread-safe: its
 * owner ({@link LiveBars}) serialises access per pair.
 */
final class BarBuilder {

    private final Pair pair;
    private final Interval interval;
    private final Instant start;
    private BigDecimal open;
    private Instant openAt;
    private BigDecimal high;
    private BigDecimal low;
    private BigDecimal close;
    private Instant closeAt;
    private long ticks;

    BarBuilder(Pair pair, Interval interval, BigDecimal price, Instant at) {
        this.pair = pair;
        this.interval = interval;
        this.start = interval.startOf(at);
        this.open = price;
        this.openAt = at;
        this.high = price;
        this.low = price;
        this.close = price;
        this.closeAt = at;
        this.ticks = 1;
    }

    Instant start() {
        return start;
    }

    Instant end() {
        return start.plus(interval.duration());
    }

    /** @param at within this bar's interval */
    void add(BigDecimal price, Instant at) {
        if (at.isBefore(openAt)) {
            open = price;
            openAt = at;
        }
        if (!at.isBefore(closeAt)) {
            close = price;
            closeAt = at;
        }
        if (price.compareTo(high) > 0) {
            high = price;
        }
        if (price.compareTo(low) < 0) {
            low = price;
        }
        ticks++;
    }

    Bar toBar(boolean live) {
        return new Bar(pair, interval, start, open, high, low, close, ticks, live);
    }
}

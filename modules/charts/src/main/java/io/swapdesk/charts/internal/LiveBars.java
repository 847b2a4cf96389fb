package io.swapdesk.charts.internal;

import io.swapdesk.charts.Bar;
import io.swapdesk.charts.Interval;
import io.swapdesk.pricing.Pair;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The bars being built, in memory: per pair and interval the open bar, and the bar that closed last (for history until
 * it has been stored; as the latest bar until the next one opens). Pure logic, no I/O: the caller stores what
 * {@link #record} and {@link #closeDue} hand back.
 *
 * <p>A bar closes when the first tick of a later bar of the same interval arrives, or when its interval has passed
 * by {@code grace} without one ({@link #closeDue}). A tick for a bar that has already closed (late by more than
 * that) no longer changes it: it is counted as late and left to the raw ticks.
 */
final class LiveBars {

    /** What one tick did: the bars it closed, and for how many intervals it came too late. */
    record Recorded(List<Bar> closed, int late) {
    }

    private static final Interval[] INTERVALS = Interval.values();

    private final Map<Pair, PairBars> pairs = new ConcurrentHashMap<>();

    Recorded record(Pair pair, BigDecimal price, Instant at) {
        return pairs.computeIfAbsent(pair, PairBars::new).record(price, at);
    }

    /** Closes every open bar whose interval ended at least {@code grace} before {@code now}. */
    List<Bar> closeDue(Instant now, Duration grace) {
        List<Bar> closed = new ArrayList<>();
        pairs.values().forEach(bars -> bars.closeDue(now.minus(grace), closed));
        return closed;
    }

    /** Whether a tick of the pair has been recorded here. */
    boolean hasTicks(Pair pair) {
        return pairs.containsKey(pair);
    }

    /** The open bar, if the pair has one for the interval. */
    Optional<Bar> live(Pair pair, Interval interval) {
        PairBars bars = pairs.get(pair);
        return bars == null ? Optional.empty() : bars.live(interval);
    }

    /** The open bar, or else the last bar that closed here (stored or not); empty before the pair's first tick. */
    Optional<Bar> latest(Pair pair, Interval interval) {
        PairBars bars = pairs.get(pair);
        return bars == null ? Optional.empty() : bars.latest(interval);
    }

    /** The closed bar not yet confirmed stored, if any. */
    Optional<Bar> closedNotStored(Pair pair, Interval interval) {
        PairBars bars = pairs.get(pair);
        return bars == null ? Optional.empty() : bars.closedNotStored(interval);
    }

    /** The store confirms these closed bars: history serves them from now on. */
    void stored(List<Bar> bars) {
        bars.forEach(bar -> {
            PairBars pairBars = pairs.get(bar.pair());
            if (pairBars != null) {
                pairBars.stored(bar);
            }
        });
    }

    /**
     * Whether this memory saw the bar's whole interval: the pair's first tick here came before the interval began.
     * Such a bar replaces a stored part of its interval (an earlier copy of the same ticks: the bar another server
     * stored as it stopped while this one relayed its ticks); any other bar of an interval that had begun when the
     * pair's ticks began here is the rest of it, joined to a stored part (written before a restart).
     */
    boolean sawWholeInterval(Bar bar) {
        PairBars bars = pairs.get(bar.pair());
        return bars != null && bars.firstTickBefore(bar.start());
    }

    /**
     * On shutdown: every open bar as it stands (a part of its interval), and no open bars left. Stored and joined
     * with the rest of the interval after a restart ({@link Bar#followedBy}).
     */
    List<Bar> takeOpen() {
        List<Bar> open = new ArrayList<>();
        pairs.values().forEach(bars -> bars.takeOpen(open));
        return open;
    }

    /** One pair's bars; every method holds the pair's lock, so ticks of one pair are applied one at a time. */
    private static final class PairBars {
        private final Pair pair;
        private final BarBuilder[] open = new BarBuilder[INTERVALS.length];
        private final Bar[] closedNotStored = new Bar[INTERVALS.length];
        /** Per interval, the last bar closed here, kept after it was stored: a subscriber's first bar between ticks. */
        private final Bar[] lastClosed = new Bar[INTERVALS.length];
        /** Per interval, the start of the last bar closed: ticks at or before it are late. */
        private final Instant[] closedThrough = new Instant[INTERVALS.length];
        /** The time of the first tick of the pair this memory recorded. */
        private Instant firstTick;

        PairBars(Pair pair) {
            this.pair = pair;
        }

        synchronized boolean firstTickBefore(Instant instant) {
            return firstTick != null && firstTick.isBefore(instant);
        }

        synchronized Recorded record(BigDecimal price, Instant at) {
            if (firstTick == null) {
                firstTick = at;
            }
            List<Bar> closed = new ArrayList<>(1);
            int late = 0;
            for (Interval interval : INTERVALS) {
                int i = interval.ordinal();
                Instant start = interval.startOf(at);
                BarBuilder current = open[i];
                if (current == null) {
                    if (closedThrough[i] != null && !start.isAfter(closedThrough[i])) {
                        late++;
                    } else {
                        open[i] = new BarBuilder(pair, interval, price, at);
                    }
                } else if (start.equals(current.start())) {
                    current.add(price, at);
                } else if (start.isAfter(current.start())) {
                    closed.add(close(i));
                    open[i] = new BarBuilder(pair, interval, price, at);
                } else {
                    late++;
                }
            }
            return new Recorded(closed, late);
        }

        synchronized void closeDue(Instant endedBy, List<Bar> closed) {
            for (int i = 0; i < open.length; i++) {
                if (open[i] != null && !open[i].end().isAfter(endedBy)) {
                    closed.add(close(i));
                }
            }
        }

        private Bar close(int i) {
            Bar bar = open[i].toBar(false);
            open[i] = null;
            closedNotStored[i] = bar;
            lastClosed[i] = bar;
            closedThrough[i] = bar.start();
            return bar;
        }

        synchronized Optional<Bar> live(Interval interval) {
            BarBuilder current = open[interval.ordinal()];
            return current == null ? Optional.empty() : Optional.of(current.toBar(true));
        }

        synchronized Optional<Bar> latest(Interval interval) {
            BarBuilder current = open[interval.ordinal()];
            return current != null ? Optional.of(current.toBar(true))
                    : Optional.ofNullable(lastClosed[interval.ordinal()]);
        }

        synchronized Optional<Bar> closedNotStored(Interval interval) {
            return Optional.ofNullable(closedNotStored[interval.ordinal()]);
        }

        synchronized void stored(Bar bar) {
            int i = bar.interval().ordinal();
            if (closedNotStored[i] != null && closedNotStored[i].start().equals(bar.start())) {
                closedNotStored[i] = null;
            }
        }

        synchronized void takeOpen(List<Bar> taken) {
            for (int i = 0; i < open.length; i++) {
                if (open[i] != null) {
                    taken.add(open[i].toBar(false));
                    open[i] = null;
                }
            }
        }
    }
}

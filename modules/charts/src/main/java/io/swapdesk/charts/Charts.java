package io.swapdesk.charts;

import io.swapdesk.pricing.Pair;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Bar history and live bars of every pair, built from the pricing module's ticks. */
public interface Charts {

    /** Bars per query at most. */
    int MAX_LIMIT = 1000;

    /**
     * The latest {@code limit} bars that start within [{@code from} aligned down to the interval, {@code to}], oldest
     * first; the last one is {@link Bar#live() live} when the pair's current bar falls in the range. A pair without
     * ticks in the range has no bars (an empty list, not an error).
     *
     * @param from  empty: no lower bound
     * @param limit 1 to {@link #MAX_LIMIT}
     */
    List<Bar> bars(Pair pair, Interval interval, Optional<Instant> from, Instant to, int limit);

    /**
     * Whether the pair has any bar, stored or in memory, of any interval: false for a pair no tick has ever been
     * recorded for (a pair that is not priced here and never was).
     */
    boolean hasHistory(Pair pair);

    /** The pair's bar still open for the interval, if it has had a tick. */
    Optional<Bar> liveBar(Pair pair, Interval interval);

    /**
     * The pair's latest bar of the interval in this server's memory: the open one, or else the last one that closed
     * here ({@link Bar#live()} false). Empty before the pair's first tick since the server started. No I/O.
     */
    Optional<Bar> latestBar(Pair pair, Interval interval);
}

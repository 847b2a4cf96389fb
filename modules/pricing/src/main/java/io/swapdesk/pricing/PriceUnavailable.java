package io.swapdesk.pricing;

import java.time.Instant;
import java.util.Objects;

/**
 * A pair that had a price has none now: too few fresh sources agree, or a leg of a cross pair is unavailable. Fired
 * once when it happens (not again while the pair stays without a price), on every server, from the same thread and
 * under the same rules as {@link PriceUpdated}; the pair's next price is a {@code PriceUpdated} again. Quotes for
 * the pair are refused meanwhile ({@link PricingError#PRICE_UNAVAILABLE}).
 *
 * @param pair       the pair
 * @param reason     why, for people (e.g. {@code only 1 fresh source(s), 2 needed: …})
 * @param observedAt when the aggregation found it so (the computing server's clock, UTC)
 * @param relayed    as in {@link PriceUpdated#relayed()}: false on the server that computed it
 */
public record PriceUnavailable(Pair pair, String reason, Instant observedAt, boolean relayed) {

    public PriceUnavailable {
        Objects.requireNonNull(pair, "pair");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(observedAt, "observedAt");
    }
}

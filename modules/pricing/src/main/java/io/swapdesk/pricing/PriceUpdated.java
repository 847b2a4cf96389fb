package io.swapdesk.pricing;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * A pair's aggregated price changed: one tick. Fired on every server as a synchronous CDI event from the pricing
 * module's refresh thread, outside any transaction, once per aggregate update; observers must be
 * quick (hand work to their own threads) because the next refresh waits for them.
 *
 * <p>Prices are exact decimals, never {@code double}: they feed amount conversions.
 *
 * @param pair       the pair
 * @param price      units of the quote symbol per one unit of the base symbol; positive
 * @param confidence the half-width of the combined confidence interval around {@code price}; not negative
 * @param observedAt when the aggregate was computed (the computing server's clock, UTC)
 * @param relayed    false on the server that computed the aggregate (the pricing lease holder: the one that records
 *                   it as a tick and stores the bars it closes); true on the other servers, which receive the same
 *                   aggregate over the relay (docs/decisions/0010) and only update memory with it
 */
public record PriceUpdated(Pair pair, BigDecimal price, BigDecimal confidence, Instant observedAt, boolean relayed) {

    /** An aggregate computed on this server. */
    public PriceUpdated(Pair pair, BigDecimal price, BigDecimal confidence, Instant observedAt) {
        this(pair, price, confidence, observedAt, false);
    }

    public PriceUpdated {
        Objects.requireNonNull(pair, "pair");
        Objects.requireNonNull(price, "price");
        Objects.requireNonNull(confidence, "confidence");
        Objects.requireNonNull(observedAt, "observedAt");
        if (price.signum() <= 0) {
            throw new IllegalArgumentException("a price must be positive; got " + price.toPlainString());
        }
        if (confidence.signum() < 0) {
            throw new IllegalArgumentException("a confidence must not be negative; got " + confidence.toPlainString());
        }
    }
}

package io.swapdesk.pricing;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * A pair's aggregated price changed: one tick. Fired as a synchronous CDI event from the pricing
 * module's refresh thread, outside any transaction, once per aggregate update; observers must be
 * quick (hand work to their own threads) because the next refresh waits for them.
 *
 * <p>Prices are exact decimals, never {@code double}: they feed amount conversions.
 *
 * @param pair       the pair
 * @param price      units of the quote symbol per one unit of the base symbol; positive
 * @param confidence the half-width of the combined confidence interval around {@code price}; not negative
 * @param observedAt when the aggregate was computed (server clock, UTC)
 */
public record PriceUpdated(Pair pair, BigDecimal price, BigDecimal confidence, Instant observedAt) {

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

package io.swapdesk.pricing;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A pair's aggregated price with its provenance: the median of the fresh, agreeing sources.
 *
 * @param pair        the pair
 * @param price       units of the quote symbol per unit of the base symbol; positive, exact
 * @param confidence  half-width of the combined confidence interval: every used source's own interval
 *                    lies within {@code price ± confidence}; not negative
 * @param observedAt  when the aggregate was computed (server clock)
 * @param publishedAt the oldest publish time among the used sources: how old the price really is
 * @param simulated   true when any used source is the simulated market (local runs only)
 * @param derivedFrom for a cross pair, the two pairs it was derived from; empty for a direct pair
 * @param sources     every source considered, used or not, with the reason
 */
public record PriceQuote(Pair pair, BigDecimal price, BigDecimal confidence, Instant observedAt, Instant publishedAt,
                         boolean simulated, List<Pair> derivedFrom, List<SourcePrice> sources) {

    public PriceQuote {
        Objects.requireNonNull(pair, "pair");
        Objects.requireNonNull(price, "price");
        Objects.requireNonNull(confidence, "confidence");
        Objects.requireNonNull(observedAt, "observedAt");
        Objects.requireNonNull(publishedAt, "publishedAt");
        derivedFrom = List.copyOf(derivedFrom);
        sources = List.copyOf(sources);
        if (price.signum() <= 0) {
            throw new IllegalArgumentException("a price must be positive; got " + price.toPlainString());
        }
        if (confidence.signum() < 0) {
            throw new IllegalArgumentException("a confidence must not be negative; got " + confidence.toPlainString());
        }
    }
}

package io.swapdesk.pricing;

import io.swapdesk.platform.DomainException;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The latest aggregated prices, served from memory (no remote call): what quotes price with.
 * Aggregates are refreshed in the background, each source on its own schedule; every change is
 * also published as {@link PriceUpdated}.
 */
public interface Prices {

    /** Every configured pair, direct ones first, then cross pairs, in configuration order. */
    List<Pair> pairs();

    /**
     * The pair's latest aggregate.
     *
     * @throws DomainException {@link PricingError#UNKNOWN_PAIR} when the pair is not configured;
     *                         {@link PricingError#PRICE_UNAVAILABLE} when too few sources agree on a
     *                         fresh price now (the detail says which failed and why)
     */
    PriceQuote latest(Pair pair);

    /** The pair's latest aggregate or, when there is none, why: for listings that show every pair. */
    PairStatus status(Pair pair);

    /**
     * A pair's state at the last aggregation.
     *
     * @param quote   the aggregate, when available
     * @param reason  why it is unavailable; empty when available
     * @param sources    every source considered (also when unavailable)
     * @param observedAt when the state was computed
     */
    record PairStatus(Pair pair, Optional<PriceQuote> quote, String reason, List<SourcePrice> sources,
                      Instant observedAt) {

        public PairStatus {
            Objects.requireNonNull(pair, "pair");
            Objects.requireNonNull(quote, "quote");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(observedAt, "observedAt");
            sources = List.copyOf(sources);
        }

        public boolean available() {
            return quote.isPresent();
        }
    }
}

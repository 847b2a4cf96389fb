package io.swapdesk.pricing;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What one source said about one pair at the last aggregation, and what the aggregation made of it:
 * the provenance of a price.
 *
 * @param source      the source, e.g. {@code chainlink@31337}, {@code pyth}, {@code simulated-market@31337}
 * @param pair        the pair the source priced (a leg, for a cross pair)
 * @param price       the source's price, when it gave a readable one
 * @param confidence  the source's own confidence half-width, when it gave a price (zero for on-chain feeds)
 * @param publishedAt when the source published that price, when known
 * @param status      whether the price was used, and if not why not
 * @param reason      why it was not used; empty when used
 * @param simulated   true when the price comes from the simulated market (local runs only)
 */
public record SourcePrice(String source, Pair pair, Optional<BigDecimal> price, Optional<BigDecimal> confidence,
                          Optional<Instant> publishedAt, Status status, String reason, boolean simulated) {

    /** What the aggregation did with a source's price. */
    public enum Status {
        /** Fresh and within the deviation bound: part of the median. */
        USED,
        /** Fresh and agreeing, but too few such sources to publish a price: the pair is unavailable. */
        FRESH,
        /** Older than the source's heartbeat / maximum age, or not fetched recently. */
        STALE,
        /** Fresh, but further from the median than {@code pricing.max-deviation}: excluded and counted. */
        DEVIATING,
        /** Refused as read: non-positive, carried over from an earlier round, too wide a confidence, malformed. */
        INVALID,
        /** The source did not answer for this pair. */
        FAILED
    }

    public SourcePrice {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(pair, "pair");
        Objects.requireNonNull(price, "price");
        Objects.requireNonNull(confidence, "confidence");
        Objects.requireNonNull(publishedAt, "publishedAt");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(reason, "reason");
    }
}

package io.swapdesk.pricing.internal;

import io.swapdesk.pricing.Pair;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What one source answered for one pair at one fetch: a price ({@link Priced}) or a refusal
 * ({@link Rejected}). Staleness is not judged here but at aggregation time
 * ({@link Priced#staleness}), because a price that was fresh when fetched grows old in memory.
 */
sealed interface Reading permits Reading.Priced, Reading.Rejected {

    /** The source's name as shown to users, e.g. {@code chainlink@31337}. */
    String source();

    Pair pair();

    /** When this server received the answer. */
    Instant fetchedAt();

    boolean simulated();

    /**
     * A readable price.
     *
     * @param confidence  the source's confidence half-width (zero when it gives none)
     * @param publishedAt when the source published it
     * @param maxAge      the oldest {@code publishedAt} still fresh (a feed's heartbeat, Pyth's maximum age)
     */
    record Priced(String source, Pair pair, BigDecimal price, BigDecimal confidence, Instant publishedAt,
                  Duration maxAge, Instant fetchedAt, boolean simulated) implements Reading {

        /** How far a publish time may run ahead of this server's clock: clocks differ, a block's time may lead. */
        static final Duration MAX_CLOCK_AHEAD = Duration.ofSeconds(60);

        public Priced {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(pair, "pair");
            Objects.requireNonNull(price, "price");
            Objects.requireNonNull(confidence, "confidence");
            Objects.requireNonNull(publishedAt, "publishedAt");
            Objects.requireNonNull(maxAge, "maxAge");
            Objects.requireNonNull(fetchedAt, "fetchedAt");
            if (price.signum() <= 0) {
                throw new IllegalArgumentException("a priced reading must be positive; reject it instead");
            }
            if (confidence.signum() < 0) {
                throw new IllegalArgumentException("a confidence must not be negative");
            }
        }

        /**
         * Why this price is stale at {@code now}, or empty when it is fresh: published longer than
         * {@code maxAge} ago, or not fetched again within {@code maxFetchAge} (the source stopped answering), or
         * published further ahead of this server's clock than {@link #MAX_CLOCK_AHEAD} (a source with a wrong clock
         * or a bad timestamp: its price would otherwise never age).
         */
        Optional<String> staleness(Instant now, Duration maxFetchAge) {
            if (publishedAt.isAfter(now.plus(MAX_CLOCK_AHEAD))) {
                return Optional.of("published at " + publishedAt + ", more than " + MAX_CLOCK_AHEAD.toSeconds()
                        + " s ahead of this server's clock; a price from the future never ages, so it is not used");
            }
            Duration published = Duration.between(publishedAt, now);
            if (published.compareTo(maxAge) > 0) {
                return Optional.of("published " + published.toSeconds() + " s ago, more than the " + maxAge.toSeconds()
                        + " s allowed");
            }
            Duration fetched = Duration.between(fetchedAt, now);
            if (fetched.compareTo(maxFetchAge) > 0) {
                return Optional.of("last fetched " + fetched.toMillis() + " ms ago, more than the "
                        + maxFetchAge.toMillis() + " ms allowed; the source stopped answering");
            }
            return Optional.empty();
        }
    }

    /**
     * A refused answer.
     *
     * @param status      {@code INVALID} (read but refused) or {@code FAILED} (no answer for this pair)
     * @param price       the refused price, when one was readable
     * @param publishedAt its publish time, when readable
     */
    record Rejected(String source, Pair pair, io.swapdesk.pricing.SourcePrice.Status status, String reason,
                    Optional<BigDecimal> price, Optional<Instant> publishedAt, Instant fetchedAt, boolean simulated)
            implements Reading {

        public Rejected {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(pair, "pair");
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(price, "price");
            Objects.requireNonNull(publishedAt, "publishedAt");
            Objects.requireNonNull(fetchedAt, "fetchedAt");
        }
    }
}

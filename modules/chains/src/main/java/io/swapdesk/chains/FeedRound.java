package io.swapdesk.chains;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Objects;

/**
 * One round of a Chainlink-interface price feed ({@code AggregatorV3Interface.latestRoundData}) with the
 * feed's {@code decimals}, as the contract returned it: nothing is checked here but the types, so that
 * the caller sees a broken round and can say why it refuses it.
 *
 * @param roundId         the round
 * @param answer          the raw answer, in units of 10^-decimals; may be zero or negative on a broken feed
 * @param decimals        how many decimals {@code answer} has (0 to 255)
 * @param startedAt       when the round started
 * @param updatedAt       when the answer was last written; the epoch when the round never got an answer
 * @param answeredInRound the round in which the answer was computed; below {@code roundId} when the
 *                        answer was carried over from an earlier round
 */
public record FeedRound(BigInteger roundId, BigInteger answer, int decimals, Instant startedAt, Instant updatedAt,
                        BigInteger answeredInRound) {

    public FeedRound {
        Objects.requireNonNull(roundId, "roundId");
        Objects.requireNonNull(answer, "answer");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        Objects.requireNonNull(answeredInRound, "answeredInRound");
        if (decimals < 0 || decimals > 255) {
            throw new IllegalArgumentException("decimals must be 0 to 255 (uint8); got " + decimals);
        }
    }

    /** The answer as an exact decimal: {@code answer × 10^-decimals}. */
    public BigDecimal price() {
        return new BigDecimal(answer, decimals);
    }
}

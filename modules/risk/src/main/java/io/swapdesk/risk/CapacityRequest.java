package io.swapdesk.risk;

import io.swapdesk.identity.UserId;
import io.swapdesk.platform.ChainId;

import java.math.BigInteger;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * What a commit reserves: the quote's value against the limits, and the treasury liquidity its delivery needs.
 *
 * @param quoteId  the quote; one reservation per quote
 * @param chain    the chain whose daily limit is charged: the destination, where the treasury pays out
 * @param usdCents the quote's value in US cents at its price snapshot
 * @param at       when; its UTC day is the day charged
 */
public record CapacityRequest(UUID quoteId, UserId user, ChainId chain, BigInteger usdCents, Instant at,
                              Liquidity liquidity) {

    public CapacityRequest {
        Objects.requireNonNull(quoteId, "quoteId");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(chain, "chain");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(liquidity, "liquidity");
        if (usdCents == null || usdCents.signum() < 0) {
            throw new IllegalArgumentException("a value in cents is not negative");
        }
    }
}

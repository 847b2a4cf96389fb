package io.swapdesk.execution;

import io.swapdesk.platform.ChainId;

import java.math.BigInteger;
import java.time.Instant;
import java.util.UUID;

/**
 * The escrow filled the quote, confirmed to the configured depth. Fired once, inside the transaction that records it;
 * observers that release reservations do it there.
 */
public record DeliveryCompleted(UUID quoteId, UUID userId, ChainId chain, String txHash, long blockNumber,
                                BigInteger amountDelivered, Instant completedAt) {
}

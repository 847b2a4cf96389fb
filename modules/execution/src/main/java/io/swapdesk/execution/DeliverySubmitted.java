package io.swapdesk.execution;

import io.swapdesk.platform.ChainId;

import java.util.UUID;

/** A node holds the fill transaction of a delivery. Fired once, inside the transaction that records it. */
public record DeliverySubmitted(UUID quoteId, UUID userId, ChainId chain, String txHash) {
}

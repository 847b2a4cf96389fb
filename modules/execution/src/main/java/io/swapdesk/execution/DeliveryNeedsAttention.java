package io.swapdesk.execution;

import io.swapdesk.platform.ChainId;

import java.util.UUID;

/** A delivery's fill reverted and the quote is not filled; {@code reason} is a code of docs/api/errors.md. */
public record DeliveryNeedsAttention(UUID quoteId, UUID userId, ChainId chain, String reason) {
}

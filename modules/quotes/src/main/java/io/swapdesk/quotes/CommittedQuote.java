package io.swapdesk.quotes;

import io.swapdesk.identity.UserId;
import io.swapdesk.platform.ChainId;
import io.swapdesk.platform.EvmAddress;

import java.math.BigInteger;
import java.util.UUID;

/**
 * What a delivery needs from a committed quote: pay {@code amountOut} base units of {@code token} to
 * {@code recipient} on {@code chain}, never less than {@code minAmountOut}.
 */
public record CommittedQuote(UUID quoteId, UserId userId, ChainId chain, EvmAddress token, int decimals,
                             EvmAddress recipient, BigInteger amountOut, BigInteger minAmountOut) {
}

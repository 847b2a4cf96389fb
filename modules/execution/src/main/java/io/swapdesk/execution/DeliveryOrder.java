package io.swapdesk.execution;

import io.swapdesk.platform.ChainId;
import io.swapdesk.platform.EvmAddress;

import java.math.BigInteger;
import java.util.Objects;
import java.util.UUID;

/**
 * What to deliver for a committed quote: {@code amount} base units of {@code token} to {@code recipient} on
 * {@code chain}, from the chain's escrow, once.
 *
 * @param quoteId the quote; also the delivery's id and, as {@code QuoteRef}, the escrow's fill reference
 * @param userId  whose quote it is: its events go to that user
 */
public record DeliveryOrder(UUID quoteId, UUID userId, ChainId chain, EvmAddress token, EvmAddress recipient,
                            BigInteger amount) {

    public DeliveryOrder {
        Objects.requireNonNull(quoteId, "quoteId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(chain, "chain");
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(amount, "amount");
        if (amount.signum() <= 0 || amount.bitLength() > 256) {
            throw new IllegalArgumentException("a delivery's amount is a positive uint256");
        }
        if (recipient.equals(EvmAddress.ZERO)) {
            throw new IllegalArgumentException("a delivery needs a recipient other than the zero address");
        }
    }
}

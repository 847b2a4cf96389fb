package io.swapdesk.execution;

import io.swapdesk.platform.ChainId;

import java.math.BigInteger;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A delivery as the API shows it.
 *
 * @param txHash          the fill transaction, known from the moment it is signed (SUBMITTING on)
 * @param blockNumber     its block, once COMPLETED
 * @param amountDelivered base units the recipient received, once COMPLETED
 * @param reason          a code from docs/api/errors.md when something needs saying (UNCONFIRMED, NEEDS_ATTENTION)
 */
public record DeliveryView(UUID quoteId, DeliveryStatus status, ChainId chain, Optional<String> txHash,
                           Optional<Long> blockNumber, Optional<BigInteger> amountDelivered, Optional<String> reason,
                           Instant updatedAt) {

    public DeliveryView {
        Objects.requireNonNull(quoteId, "quoteId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(chain, "chain");
        Objects.requireNonNull(txHash, "txHash");
        Objects.requireNonNull(blockNumber, "blockNumber");
        Objects.requireNonNull(amountDelivered, "amountDelivered");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }
}

package io.swapdesk.execution.internal;

import io.swapdesk.platform.ChainId;
import io.swapdesk.platform.EvmAddress;

import java.math.BigInteger;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * A recorded deposit not yet handled: what the commit needs of it.
 *
 * @param paidAt     the timestamp of the deposit's block: a quote is honoured when it was paid before it expired,
 *                   however long the confirmations took
 * @param receivedAt when this server recorded it, at its confirmations
 */
record PendingDeposit(UUID id, ChainId chain, String txHash, Optional<UUID> quoteId, EvmAddress token,
                      EvmAddress payer, BigInteger amount, Instant paidAt, Instant receivedAt) {
}

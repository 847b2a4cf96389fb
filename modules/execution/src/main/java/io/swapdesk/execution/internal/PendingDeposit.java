package io.swapdesk.execution.internal;

import io.swapdesk.platform.ChainId;
import io.swapdesk.platform.EvmAddress;

import java.math.BigInteger;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** A recorded deposit not yet handled: what the commit needs of it. */
record PendingDeposit(UUID id, ChainId chain, String txHash, Optional<UUID> quoteId, EvmAddress token,
                      EvmAddress payer, BigInteger amount, Instant receivedAt) {
}

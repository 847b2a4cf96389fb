package io.swapdesk.execution.internal;

import io.swapdesk.execution.DeliveryStatus;
import io.swapdesk.platform.ChainId;
import io.swapdesk.platform.EvmAddress;

import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** A delivery whose transaction's fate is not final, with every attempt signed for it (newest first). */
record InFlight(UUID quoteId, UUID userId, ChainId chain, EvmAddress token, EvmAddress recipient, BigInteger amount,
                DeliveryStatus status, Optional<EvmAddress> signer, long fromBlock, List<Attempt> attempts) {

    /** One signed transaction as stored. */
    record Attempt(UUID id, int number, EvmAddress signer, long nonce, byte[] raw, String txHash, String status,
                   int broadcasts, Optional<Instant> lastBroadcastAt) {

        boolean dropped() {
            return "DROPPED".equals(status);
        }
    }

    /** The newest attempt not known to be dropped: the one to (re-)broadcast. */
    Optional<Attempt> current() {
        return attempts.stream().filter(attempt -> !attempt.dropped()).findFirst();
    }

    List<Attempt> live() {
        return attempts.stream().filter(attempt -> !attempt.dropped()).toList();
    }
}

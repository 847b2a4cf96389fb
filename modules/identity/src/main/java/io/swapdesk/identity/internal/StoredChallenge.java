package io.swapdesk.identity.internal;

import io.swapdesk.identity.WalletAddress;

import java.time.Instant;
import java.util.UUID;

/** A challenge as stored: what was issued, to whom, until when, and whether it was used. */
record StoredChallenge(UUID id, WalletAddress wallet, String chainId, String message, Instant expiresAt,
                       boolean consumed) {

    boolean expiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }
}

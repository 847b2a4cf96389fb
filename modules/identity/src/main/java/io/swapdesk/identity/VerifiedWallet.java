package io.swapdesk.identity;

import java.time.Instant;
import java.util.Objects;

/** A wallet whose owner proved, by signing a challenge, that they hold its key. */
public record VerifiedWallet(WalletAddress address, Instant verifiedAt) {

    public VerifiedWallet {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(verifiedAt, "verifiedAt");
    }
}

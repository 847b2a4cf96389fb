package io.swapdesk.chains;

import io.swapdesk.platform.ChainId;
import io.swapdesk.platform.EvmAddress;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * One signer account of the pool as stored: for operators and tests. The key is never part of it.
 *
 * @param status        FREE, HELD or COOLDOWN
 * @param holder        who holds it (HELD), or whose uncertain transaction cools it down (COOLDOWN)
 * @param nextNonce     the nonce its next transaction takes
 * @param cooldownUntil the earliest time it may be freed again (COOLDOWN)
 * @param lastUsedAt    when it was last handed out
 */
public record SignerState(ChainId chain, EvmAddress address, Status status, Optional<UUID> holder, long nextNonce,
                          Optional<Instant> cooldownUntil, Optional<Instant> lastUsedAt) {

    public enum Status { FREE, HELD, COOLDOWN }

    public SignerState {
        Objects.requireNonNull(chain, "chain");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(holder, "holder");
        Objects.requireNonNull(cooldownUntil, "cooldownUntil");
        Objects.requireNonNull(lastUsedAt, "lastUsedAt");
    }
}

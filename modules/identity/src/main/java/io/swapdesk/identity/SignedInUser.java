package io.swapdesk.identity;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/** Who a verified token says the caller is, and until when it may say so. */
public record SignedInUser(UserId id, Set<Role> roles, Instant expiresAt) {

    public SignedInUser {
        Objects.requireNonNull(id, "id");
        roles = Set.copyOf(roles);
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    public boolean expiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }
}

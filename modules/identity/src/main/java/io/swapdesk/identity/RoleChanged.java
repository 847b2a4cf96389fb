package io.swapdesk.identity;

import java.time.Instant;
import java.util.Objects;

/**
 * An admin granted or revoked a role. Fired synchronously inside the transaction that changes the
 * role, so that an observer's write (the audit log) commits or rolls back with the change.
 *
 * @param user    whose role changed
 * @param role    the role
 * @param granted true for a grant, false for a revocation
 * @param by      the admin who changed it
 * @param at      when
 */
public record RoleChanged(UserId user, Role role, boolean granted, UserId by, Instant at) {

    public RoleChanged {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(by, "by");
        Objects.requireNonNull(at, "at");
    }
}

package io.swapdesk.identity.internal;

import io.swapdesk.identity.Role;
import io.swapdesk.identity.RoleChanged;
import io.swapdesk.identity.UserId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.Clock;

/**
 * The write half of role administration: each change and its {@link RoleChanged} event in one
 * transaction, so the audit entry an observer writes commits with the change or not at all. A grant
 * of a role the user has, or a revocation of one they lack, changes nothing and fires nothing.
 */
@ApplicationScoped
class RoleChanges {

    @Inject
    IdentityStore store;

    @Inject
    Event<RoleChanged> roleChanged;

    @Inject
    Clock clock;

    @Transactional
    void grant(UserId user, Role role, UserId admin) {
        if (store.grantRole(user, role, admin, clock.instant())) {
            roleChanged.fire(new RoleChanged(user, role, true, admin, clock.instant()));
        }
    }

    @Transactional
    void revoke(UserId user, Role role, UserId admin) {
        if (store.revokeRole(user, role)) {
            roleChanged.fire(new RoleChanged(user, role, false, admin, clock.instant()));
        }
    }
}

package io.swapdesk.identity.internal;

import io.swapdesk.identity.IdentityError;
import io.swapdesk.identity.Role;
import io.swapdesk.identity.UserId;
import io.swapdesk.platform.DomainException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Map;
import java.util.Set;

/** Admins grant and revoke roles: the checks, then the change ({@link RoleChanges}). */
@ApplicationScoped
public class RoleAdministration {

    @Inject
    IdentityStore store;

    @Inject
    Accounts accounts;

    @Inject
    RoleChanges changes;

    public Set<Role> rolesOf(UserId user) {
        requireUser(user);
        return accounts.rolesOf(user);
    }

    public Set<Role> grant(UserId user, Role role, UserId admin) {
        requireChangeable(user, role);
        changes.grant(user, role, admin);
        return accounts.rolesOf(user);
    }

    public Set<Role> revoke(UserId user, Role role, UserId admin) {
        requireChangeable(user, role);
        if (accounts.isBootstrapAdmin(user)) {
            throw new DomainException(IdentityError.ROLE_NOT_CHANGEABLE, "this user is an admin by configuration "
                    + "(identity.admin-addresses); remove the wallet from that setting to revoke the role");
        }
        changes.revoke(user, role, admin);
        return accounts.rolesOf(user);
    }

    private void requireChangeable(UserId user, Role role) {
        requireUser(user);
        if (role == Role.TRADER) {
            throw new DomainException(IdentityError.ROLE_NOT_CHANGEABLE,
                    "every user is a trader; only admin can be granted or revoked", Map.of("field", "role"));
        }
    }

    private void requireUser(UserId user) {
        if (!store.userExists(user)) {
            throw new DomainException(IdentityError.USER_NOT_FOUND, "no user " + user);
        }
    }
}

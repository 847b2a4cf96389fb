package io.swapdesk.identity;

import io.swapdesk.platform.DomainException;

import java.util.Set;

/**
 * The signed-in caller of the current request, from its verified token. Every module that serves a
 * user's own resources asks this bean, so that a user reads and changes only what is theirs.
 */
public interface CurrentUser {

    /**
     * @throws DomainException {@link IdentityError#NOT_SIGNED_IN} when the request carries no valid token
     */
    UserId id();

    /** The caller's roles as the token states them; empty when not signed in. */
    Set<Role> roles();

    default boolean hasRole(Role role) {
        return roles().contains(role);
    }

    /**
     * Refuses access to a resource owned by another user with {@code notFound}, the 404 the owner's
     * missing resource would give too, so that a caller cannot even learn that another user's
     * resource exists. Admins are refused as well: admin views go through {@code /api/admin}.
     *
     * @param owner    the resource's owner
     * @param notFound the failure to throw, e.g. the module's own "quote not found"
     */
    default void requireOwnerOf(UserId owner, DomainException notFound) {
        if (!id().equals(owner)) {
            throw notFound;
        }
    }
}

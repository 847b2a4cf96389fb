package io.swapdesk.identity.internal;

import io.swapdesk.identity.CurrentUser;
import io.swapdesk.identity.IdentityError;
import io.swapdesk.identity.Role;
import io.swapdesk.identity.UserId;
import io.swapdesk.platform.DomainException;
import io.swapdesk.platform.PlatformError;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Role administration. PUT and DELETE are idempotent by nature: granting a role the user has, or
 * revoking one they lack, answers the same roles and changes nothing. A role change takes effect
 * in the user's next token (tokens live {@code identity.token-ttl-seconds}). Only admins reach it:
 * {@link AccessFilter} refuses everyone else on {@code /api/admin/**}.
 */
@Path("admin/users/{userId}/roles")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class AdminUsersResource {

    @Inject
    RoleAdministration roles;

    @Inject
    CurrentUser currentUser;

    @GET
    public RolesView list(@PathParam("userId") String userId) {
        UserId user = user(userId);
        return view(user, roles.rolesOf(user));
    }

    @PUT
    @Path("{role}")
    public RolesView grant(@PathParam("userId") String userId, @PathParam("role") String role) {
        UserId user = user(userId);
        return view(user, roles.grant(user, role(role), currentUser.id()));
    }

    @DELETE
    @Path("{role}")
    public RolesView revoke(@PathParam("userId") String userId, @PathParam("role") String role) {
        UserId user = user(userId);
        return view(user, roles.revoke(user, role(role), currentUser.id()));
    }

    private static UserId user(String text) {
        try {
            return UserId.parse(text);
        } catch (IllegalArgumentException e) {
            throw new DomainException(IdentityError.USER_NOT_FOUND, "no user " + Inputs.clip(text)
                    + ": user ids are UUIDs", Map.of("field", "userId"));
        }
    }

    private static Role role(String text) {
        try {
            return Role.fromWireName(text);
        } catch (IllegalArgumentException e) {
            throw new DomainException(PlatformError.INVALID_REQUEST, e.getMessage(), Map.of("field", "role"));
        }
    }

    private static RolesView view(UserId user, Set<Role> roles) {
        return new RolesView(user.toString(), roles.stream().map(Role::wireName).sorted().toList());
    }

    public record RolesView(String userId, List<String> roles) {
    }
}

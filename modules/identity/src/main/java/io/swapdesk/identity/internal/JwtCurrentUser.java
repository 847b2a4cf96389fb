package io.swapdesk.identity.internal;

import io.swapdesk.identity.CurrentUser;
import io.swapdesk.identity.IdentityError;
import io.swapdesk.identity.Role;
import io.swapdesk.identity.UserId;
import io.swapdesk.platform.DomainException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.EnumSet;
import java.util.Set;

/**
 * {@link CurrentUser} from the token Liberty's MicroProfile JWT feature verified for this request
 * (signature, issuer, audience, expiry); its subject is the user id, its groups the roles.
 */
@RequestScoped
public class JwtCurrentUser implements CurrentUser {

    @Inject
    JsonWebToken token;

    @Override
    public UserId id() {
        String subject = token == null ? null : token.getSubject();
        if (subject == null) {
            throw new DomainException(IdentityError.NOT_SIGNED_IN,
                    "sign in first and send the token as 'Authorization: Bearer <token>'");
        }
        return UserId.parse(subject);
    }

    @Override
    public Set<Role> roles() {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        if (token == null || token.getGroups() == null) {
            return roles;
        }
        for (Role role : Role.values()) {
            if (token.getGroups().contains(role.wireName())) {
                roles.add(role);
            }
        }
        return roles;
    }
}

package io.swapdesk.identity.internal;

import io.swapdesk.identity.CurrentUser;
import io.swapdesk.identity.IdentityError;
import io.swapdesk.identity.Role;
import io.swapdesk.identity.SignedInUser;
import io.swapdesk.identity.UserId;
import io.swapdesk.platform.DomainException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

import java.util.Set;

/** {@link CurrentUser} from the token {@link AccessFilter} verified for this request. */
@RequestScoped
public class JwtCurrentUser implements CurrentUser {

    @Inject
    RequestIdentity identity;

    @Override
    public UserId id() {
        return identity.user().map(SignedInUser::id).orElseThrow(() -> new DomainException(IdentityError.NOT_SIGNED_IN,
                "sign in first and send the token as 'Authorization: Bearer <token>'"));
    }

    @Override
    public Set<Role> roles() {
        return identity.user().map(SignedInUser::roles).orElse(Set.of());
    }
}

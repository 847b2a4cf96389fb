package io.swapdesk.identity.internal;

import io.swapdesk.identity.SignedInUser;
import jakarta.enterprise.context.RequestScoped;

import java.util.Optional;

/** Who the current request's verified token says the caller is; set once by {@link AccessFilter}. */
@RequestScoped
public class RequestIdentity {

    private SignedInUser user;

    void signIn(SignedInUser verified) {
        this.user = verified;
    }

    public Optional<SignedInUser> user() {
        return Optional.ofNullable(user);
    }
}

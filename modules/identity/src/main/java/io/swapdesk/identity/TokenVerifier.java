package io.swapdesk.identity;

import io.swapdesk.platform.DomainException;

/**
 * Verifies a token: RS256 with the configured public key, issuer, audience, expiry (30 s of clock
 * skew). The REST access filter and the WebSocket's {@code auth} message both use it.
 */
public interface TokenVerifier {

    /**
     * @throws DomainException {@link IdentityError#INVALID_TOKEN} saying what is wrong, never echoing the token
     */
    SignedInUser verify(String token);
}

package io.swapdesk.identity;

import io.swapdesk.platform.DomainException;

/**
 * Verifies a token outside an HTTP request, where Liberty's MicroProfile JWT filter does not run:
 * the WebSocket's {@code auth} message. The same rules as for REST: RS256 with the configured public
 * key, issuer, audience, expiry (30 s of clock skew).
 */
public interface TokenVerifier {

    /**
     * @throws DomainException {@link IdentityError#INVALID_TOKEN} saying what is wrong, never echoing the token
     */
    SignedInUser verify(String token);
}

package io.swapdesk.identity.internal;

import io.swapdesk.identity.IdentityError;
import io.swapdesk.identity.Role;
import io.swapdesk.identity.SignedInUser;
import io.swapdesk.identity.TokenVerifier;
import io.swapdesk.platform.DomainException;
import io.swapdesk.platform.PlatformError;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.PathSegment;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.ext.Provider;

import java.security.Principal;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Who may call which {@code /api} route, decided before any resource runs (pre-matching, so an
 * unknown route is no way around it):
 *
 * <ul>
 *   <li>sign-in ({@code auth/…}), public market data ({@code prices}, {@code charts/…}) and the served assets
 *       ({@code assets}): anyone;</li>
 *   <li>{@code admin/…}: a valid token with the {@code admin} role;</li>
 *   <li>everything else: a valid token.</li>
 * </ul>
 *
 * A bearer token is verified here ({@link JwtTokenVerifier}: RS256 signature, issuer, audience,
 * expiry), by the application rather than the server, so that every refusal is problem+json and no
 * refused token is ever written to a server log (decision 7). On a public route a token is optional
 * and a bad one is ignored. The verified user becomes the request's {@link RequestIdentity} and its
 * JAX-RS {@link SecurityContext}.
 */
@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION)
@ApplicationScoped
public class AccessFilter implements ContainerRequestFilter {

    /** Path prefixes (relative to /api) open to everyone. A new public route is added here, on purpose. */
    static final List<String> PUBLIC_PREFIXES = List.of("auth/", "prices", "charts/", "assets");

    private static final String BEARER = "Bearer ";

    @Inject
    TokenVerifier tokens;

    @Inject
    RequestIdentity identity;

    @Override
    public void filter(ContainerRequestContext request) {
        String path = normalized(request.getUriInfo().getPathSegments(true));
        boolean publicRoute = isPublic(path);
        String authorization = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (authorization == null) {
            if (publicRoute) {
                return;
            }
            throw notSignedIn("this route needs a token: sign in (POST /api/auth/challenges, then POST "
                    + "/api/auth/sessions) and send 'Authorization: Bearer <token>'");
        }
        Optional<SignedInUser> user = verify(authorization, publicRoute);
        if (user.isEmpty()) {
            return;
        }
        identity.signIn(user.get());
        request.setSecurityContext(new TokenSecurityContext(user.get(), request.getSecurityContext().isSecure()));
        if (isAdminRoute(path) && !user.get().roles().contains(Role.ADMIN)) {
            throw new DomainException(IdentityError.ROLE_REQUIRED, "the admin API needs the admin role, which your "
                    + "token does not carry; an admin grants it, and it takes effect at your next sign-in",
                    Map.of("role", Role.ADMIN.wireName()));
        }
    }

    /** The token's user; on a public route a bad token counts as none rather than as a refusal. */
    private Optional<SignedInUser> verify(String authorization, boolean publicRoute) {
        try {
            if (!authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
                throw notSignedIn("only bearer tokens are accepted: send 'Authorization: Bearer <token>'");
            }
            return Optional.of(tokens.verify(authorization.substring(BEARER.length()).trim()));
        } catch (DomainException refused) {
            if (publicRoute) {
                return Optional.empty();
            }
            throw refused;
        }
    }

    static boolean isPublic(String path) {
        return PUBLIC_PREFIXES.stream().anyMatch(prefix -> path.startsWith(prefix)
                && (prefix.endsWith("/") || path.length() == prefix.length() || path.charAt(prefix.length()) == '/'));
    }

    static boolean isAdminRoute(String path) {
        return path.equals("admin") || path.startsWith("admin/");
    }

    /**
     * The decoded path without empty segments and matrix parameters. A dot segment is refused outright:
     * {@code auth/../me} must not pass as public because it starts like a public route.
     */
    static String normalized(List<PathSegment> segments) {
        StringBuilder path = new StringBuilder();
        for (PathSegment segment : segments) {
            String name = segment.getPath();
            if (name.equals(".") || name.equals("..")) {
                throw new DomainException(PlatformError.INVALID_REQUEST, "paths with . or .. segments are refused");
            }
            if (!name.isEmpty()) {
                path.append(path.isEmpty() ? "" : "/").append(name);
            }
        }
        return path.toString();
    }

    private static DomainException notSignedIn(String detail) {
        return new DomainException(IdentityError.NOT_SIGNED_IN, detail);
    }

    /** The verified user as JAX-RS sees the caller: its id as the principal's name, its roles as roles. */
    private record TokenSecurityContext(SignedInUser user, boolean secure) implements SecurityContext {

        @Override
        public Principal getUserPrincipal() {
            return () -> user.id().toString();
        }

        @Override
        public boolean isUserInRole(String role) {
            return user.roles().stream().anyMatch(granted -> granted.wireName().equals(role));
        }

        @Override
        public boolean isSecure() {
            return secure;
        }

        @Override
        public String getAuthenticationScheme() {
            return "Bearer";
        }
    }
}

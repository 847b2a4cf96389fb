package io.swapdesk.identity.internal;

import io.swapdesk.identity.IdentityError;
import io.swapdesk.identity.Role;
import io.swapdesk.platform.DomainException;
import io.swapdesk.platform.PlatformError;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.PathSegment;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.ext.Provider;

import java.util.List;
import java.util.Map;

/**
 * Who may call which {@code /api} route, decided before any resource runs (pre-matching, so an
 * unknown route is no way around it):
 *
 * <ul>
 *   <li>sign-in ({@code auth/…}) and public market data ({@code prices}, {@code charts/…}): anyone;</li>
 *   <li>{@code admin/…}: a valid token with the {@code admin} role;</li>
 *   <li>everything else: a valid token.</li>
 * </ul>
 *
 * The token itself was verified by Liberty's MicroProfile JWT feature (signature, issuer, audience,
 * expiry); a request whose token failed that check arrives unauthenticated and is refused here with
 * problem+json.
 */
@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION)
@ApplicationScoped
public class AccessFilter implements ContainerRequestFilter {

    /** Path prefixes (relative to /api) open to everyone. A new public route is added here, on purpose. */
    static final List<String> PUBLIC_PREFIXES = List.of("auth/", "prices", "charts/");

    @Override
    public void filter(ContainerRequestContext request) {
        String path = normalized(request.getUriInfo().getPathSegments(true));
        if (isPublic(path)) {
            return;
        }
        SecurityContext security = request.getSecurityContext();
        if (security.getUserPrincipal() == null) {
            throw unauthenticated(request.getHeaderString(HttpHeaders.AUTHORIZATION) != null);
        }
        if (isAdminRoute(path) && !security.isUserInRole(Role.ADMIN.wireName())) {
            throw new DomainException(IdentityError.ROLE_REQUIRED, "the admin API needs the admin role, which your "
                    + "token does not carry; an admin grants it, and it takes effect at your next sign-in",
                    Map.of("role", Role.ADMIN.wireName()));
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

    private static DomainException unauthenticated(boolean tokenSent) {
        return tokenSent
                ? new DomainException(IdentityError.INVALID_TOKEN, "the bearer token was refused: it is expired, "
                        + "altered, or not issued by this server; sign in again (POST /api/auth/challenges, then "
                        + "POST /api/auth/sessions)")
                : new DomainException(IdentityError.NOT_SIGNED_IN, "this route needs a token: sign in (POST "
                        + "/api/auth/challenges, then POST /api/auth/sessions) and send 'Authorization: Bearer <token>'");
    }
}

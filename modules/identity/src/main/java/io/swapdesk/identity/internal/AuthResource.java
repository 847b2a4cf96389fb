package io.swapdesk.identity.internal;

import io.swapdesk.identity.ChainFamily;
import io.swapdesk.identity.Role;
import io.swapdesk.identity.UserId;
import io.swapdesk.identity.WalletAddress;
import io.swapdesk.platform.DomainException;
import io.swapdesk.platform.PlatformError;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Sign-in: ask for a challenge, sign it with the wallet, exchange the signature for a token. Both
 * routes are public (web.xml); everything else under /api needs the token.
 */
@Path("auth")
@RequestScoped
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class AuthResource {

    static final String CHALLENGE_EXAMPLE = "{\"chain\":\"evm\",\"address\":\"0x…\",\"chainId\":31337}";
    static final String SESSION_EXAMPLE = "{\"message\":\"<the challenge's message>\",\"signature\":\"0x…\"}";

    @Inject
    Challenges challenges;

    @Inject
    SignIn signIn;

    @Inject
    RateLimiter rateLimiter;

    @Inject
    Accounts accounts;

    @Inject
    TokenIssuer tokens;

    @Context
    HttpServletRequest request;

    @POST
    @Path("challenges")
    public Response createChallenge(JsonValue json) {
        JsonObject body = JsonFields.requireObject(json, CHALLENGE_EXAMPLE);
        ChainFamily family = family(JsonFields.requiredString(body, "chain"));
        WalletAddress wallet = WalletAddress.parse(family, JsonFields.requiredString(body, "address"));
        rateLimiter.count("challenge", request.getRemoteAddr(), wallet);
        Challenges.IssuedChallenge issued = challenges.issue(wallet, JsonFields.optionalText(body, "chainId", true));
        return Response.status(Response.Status.CREATED).cacheControl(noStore())
                .entity(new ChallengeView(issued.challengeId(), issued.message(), issued.expiresAt())).build();
    }

    @POST
    @Path("sessions")
    public Response createSession(JsonValue json) {
        JsonObject body = JsonFields.requireObject(json, SESSION_EXAMPLE);
        UserId user = signIn.signIn(JsonFields.requiredString(body, "message"),
                JsonFields.requiredString(body, "signature"), request.getRemoteAddr());
        Set<Role> roles = accounts.rolesOf(user);
        TokenIssuer.IssuedToken token = tokens.issue(user, roles);
        return Response.status(Response.Status.CREATED).cacheControl(noStore())
                .entity(new SessionView(token.token(), token.expiresAt(), user.toString(),
                        roles.stream().map(Role::wireName).sorted().toList()))
                .build();
    }

    static ChainFamily family(String text) {
        try {
            return ChainFamily.fromWireName(text);
        } catch (IllegalArgumentException e) {
            throw new DomainException(PlatformError.INVALID_REQUEST, e.getMessage(), Map.of("field", "chain"));
        }
    }

    /** Tokens and nonces must not sit in shared caches. */
    static CacheControl noStore() {
        CacheControl noStore = new CacheControl();
        noStore.setNoStore(true);
        noStore.setNoCache(true);
        return noStore;
    }

    public record ChallengeView(UUID challengeId, String message, Instant expiresAt) {
    }

    public record SessionView(String token, Instant expiresAt, String userId, List<String> roles) {
    }
}

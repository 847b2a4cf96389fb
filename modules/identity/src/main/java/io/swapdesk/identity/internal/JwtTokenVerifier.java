package io.swapdesk.identity.internal;

import io.swapdesk.identity.IdentityError;
import io.swapdesk.identity.Role;
import io.swapdesk.identity.SignedInUser;
import io.swapdesk.identity.TokenVerifier;
import io.swapdesk.identity.UserId;
import io.swapdesk.platform.DomainException;
import io.swapdesk.platform.Jsonp;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link TokenVerifier} for REST ({@link AccessFilter}) and WebSocket alike: RS256 only (the header's
 * {@code alg} is checked, so a token claiming {@code none} or HS256 is refused), issuer, audience,
 * expiry with {@code identity.jwt.clock-skew-seconds} of skew. A refusal says why and never
 * contains the token. A token that passed is remembered, and at its next use only its expiry is checked again.
 */
@ApplicationScoped
public class JwtTokenVerifier implements TokenVerifier {

    private static final int MAX_TOKEN_CHARS = 8 * 1024;
    static final int MAX_REMEMBERED = 10_000;

    /**
     * Tokens that passed every check, by their text, with what they say. A token cannot change, so its signature and
     * claims are checked once (the RSA check is most of a token's cost, and a client sends the same token with every
     * request until it expires); its expiry is checked at every use. Only tokens that passed are kept.
     */
    private final Map<String, SignedInUser> verified = new ConcurrentHashMap<>();

    private PublicKey publicKey;
    private IdentitySettings settings;
    private Duration clockSkew;
    private Clock clock;

    /** For the CDI client proxy only. */
    protected JwtTokenVerifier() {
    }

    @Inject
    public JwtTokenVerifier(IdentitySettings settings, Clock clock,
                            @ConfigProperty(name = "identity.jwt.public-key-location", defaultValue = "jwt/public.pem")
                            String publicKeyLocation,
                            @ConfigProperty(name = "identity.jwt.clock-skew-seconds", defaultValue = "30") long skewSeconds) {
        this.settings = settings;
        this.clock = clock;
        this.clockSkew = Duration.ofSeconds(skewSeconds);
        this.publicKey = loadPublicKey(Path.of(publicKeyLocation));
    }

    @Override
    public SignedInUser verify(String token) {
        SignedInUser known = token == null ? null : verified.get(token);
        if (known != null) {
            requireUnexpired(known.expiresAt());
            return known;
        }
        SignedInUser user = verifyFully(token);
        if (verified.size() >= MAX_REMEMBERED) {
            verified.clear(); // bounded; the busiest tokens come back at their next use
        }
        verified.put(token, user);
        return user;
    }

    private SignedInUser verifyFully(String token) {
        if (token == null || token.isEmpty() || token.length() > MAX_TOKEN_CHARS) {
            throw invalid("a token is required: the one POST /api/auth/sessions returned");
        }
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            throw invalid("a token is three base64url parts separated by dots");
        }
        JsonObject header = json(parts[0]);
        if (!"RS256".equals(header.getString("alg", ""))) {
            throw invalid("only RS256 tokens issued by this server are accepted");
        }
        if (!signatureValid(parts)) {
            throw invalid("the token's signature does not match: it was altered or not issued by this server");
        }
        JsonObject claims = json(parts[1]);
        if (!settings.issuer().equals(claims.getString("iss", "")) || !audienceMatches(claims.get("aud"))) {
            throw invalid("the token was issued for another service");
        }
        Instant expiresAt = Instant.ofEpochSecond(epochSeconds(claims, "exp"));
        requireUnexpired(expiresAt);
        return new SignedInUser(subject(claims), roles(claims), expiresAt);
    }

    private void requireUnexpired(Instant expiresAt) {
        if (!clock.instant().isBefore(expiresAt.plus(clockSkew))) {
            throw invalid("the token expired at " + expiresAt + ": sign in again");
        }
    }

    private boolean signatureValid(String[] parts) {
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initVerify(publicKey);
            rsa.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            return rsa.verify(Base64.getUrlDecoder().decode(parts[2]));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    private boolean audienceMatches(JsonValue audience) {
        if (audience instanceof JsonString single) {
            return settings.audience().equals(single.getString());
        }
        return audience instanceof JsonArray many && many.stream()
                .anyMatch(value -> value instanceof JsonString text && settings.audience().equals(text.getString()));
    }

    private static UserId subject(JsonObject claims) {
        try {
            return UserId.parse(claims.getString("sub", ""));
        } catch (IllegalArgumentException e) {
            throw invalid("the token names no user");
        }
    }

    private static Set<Role> roles(JsonObject claims) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        if (claims.get("groups") instanceof JsonArray groups) {
            for (Role role : Role.values()) {
                if (groups.contains(Jsonp.createValue(role.wireName()))) {
                    roles.add(role);
                }
            }
        }
        return roles;
    }

    private static long epochSeconds(JsonObject claims, String name) {
        if (claims.get(name) instanceof JsonNumber number && number.isIntegral()) {
            return number.longValue();
        }
        throw invalid("the token has no " + name + " time");
    }

    private static JsonObject json(String base64url) {
        try (JsonReader reader = Jsonp.createReader(new StringReader(
                new String(Base64.getUrlDecoder().decode(base64url), StandardCharsets.UTF_8)))) {
            return reader.readObject();
        } catch (IllegalArgumentException | JsonException e) {
            throw invalid("a token part is not base64url-encoded JSON");
        }
    }

    static PublicKey loadPublicKey(Path location) {
        try {
            String body = Files.readString(location, StandardCharsets.US_ASCII)
                    .replace("-----BEGIN PUBLIC KEY-----", "").replace("-----END PUBLIC KEY-----", "")
                    .replaceAll("\\s", "");
            return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(body)));
        } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("identity.jwt.public-key-location: " + location.toAbsolutePath()
                    + " must hold the RSA public key (PEM) of identity.jwt.private-key-location; write it with "
                    + "'openssl pkey -in private.pem -pubout'");
        }
    }

    private static DomainException invalid(String detail) {
        return new DomainException(IdentityError.INVALID_TOKEN, detail);
    }
}

package io.swapdesk.identity.internal;

import io.swapdesk.identity.Role;
import io.swapdesk.identity.UserId;
import io.swapdesk.platform.Ids;
import io.swapdesk.platform.Jsonp;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Issues the RS256-signed JWTs that {@link JwtTokenVerifier} verifies on every request. The claims
 * are MicroProfile JWT's ({@code upn}, {@code groups}), so any MP-JWT resource server could verify them. The private key is read once from {@code identity.jwt.private-key-location}
 * (PKCS#8 PEM); a server without one fails at startup instead of at the first sign-in.
 */
@ApplicationScoped
public class TokenIssuer {

    private static final Logger LOG = Logger.getLogger(TokenIssuer.class.getName());
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
    private static final int MIN_RSA_BITS = 2048;

    private IdentitySettings settings;
    private Clock clock;
    private PrivateKey privateKey;

    /** For the CDI client proxy only. */
    protected TokenIssuer() {
    }

    @Inject
    public TokenIssuer(IdentitySettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.privateKey = loadPrivateKey(settings.privateKeyLocation());
    }

    void startEagerly(@Observes Startup startup) {
        LOG.info(() -> "tokens signed with RS256, issuer " + settings.issuer() + ", valid for " + settings.tokenTtl());
    }

    /** A token for {@code user} with {@code roles} as its groups, valid from now for the configured lifetime. */
    public IssuedToken issue(UserId user, Set<Role> roles) {
        Instant issuedAt = clock.instant();
        Instant expiresAt = issuedAt.plus(settings.tokenTtl());
        JsonArrayBuilder groups = Jsonp.createArrayBuilder();
        roles.stream().map(Role::wireName).sorted().forEach(groups::add);
        String header = Jsonp.createObjectBuilder().add("alg", "RS256").add("typ", "JWT").build().toString();
        String claims = Jsonp.createObjectBuilder()
                .add("iss", settings.issuer())
                .add("aud", settings.audience())
                .add("sub", user.toString())
                .add("upn", user.toString())
                .add("groups", groups)
                .add("iat", issuedAt.getEpochSecond())
                .add("exp", expiresAt.getEpochSecond())
                .add("jti", Ids.newId().toString())
                .build().toString();
        String signingInput = base64url(header) + "." + base64url(claims);
        return new IssuedToken(signingInput + "." + BASE64URL.encodeToString(sign(signingInput)), expiresAt);
    }

    private byte[] sign(String signingInput) {
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(privateKey);
            rsa.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return rsa.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("signing a token failed", e);
        }
    }

    private static String base64url(String json) {
        return BASE64URL.encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * @throws IllegalStateException saying how to provide a key; never including the key's content
     */
    static PrivateKey loadPrivateKey(Path location) {
        String pem;
        try {
            pem = Files.readString(location, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new IllegalStateException("identity.jwt.private-key-location: cannot read " + location.toAbsolutePath()
                    + " (" + e.getClass().getSimpleName() + "); create an RSA key with "
                    + "'openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out private.pem' and its public "
                    + "half for identity.jwt.public-key-location with 'openssl pkey -in private.pem -pubout'");
        }
        String body = pem.replace("-----BEGIN PRIVATE KEY-----", "").replace("-----END PRIVATE KEY-----", "")
                .replaceAll("\\s", "");
        if (pem.contains("BEGIN RSA PRIVATE KEY") || body.isEmpty()) {
            throw new IllegalStateException("identity.jwt.private-key-location: " + location.toAbsolutePath()
                    + " must hold a PKCS#8 PEM key (-----BEGIN PRIVATE KEY-----), as openssl genpkey writes it");
        }
        try {
            PrivateKey key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder()
                    .decode(body)));
            if (((RSAPrivateCrtKey) key).getModulus().bitLength() < MIN_RSA_BITS) {
                throw new IllegalStateException("identity.jwt.private-key-location: the RSA key must have at least "
                        + MIN_RSA_BITS + " bits");
            }
            return key;
        } catch (GeneralSecurityException | IllegalArgumentException | ClassCastException e) {
            throw new IllegalStateException("identity.jwt.private-key-location: " + location.toAbsolutePath()
                    + " is not an RSA private key in PKCS#8 PEM");
        }
    }

    /** A signed token and when it stops being accepted. */
    public record IssuedToken(String token, Instant expiresAt) {
    }
}

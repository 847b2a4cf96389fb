package io.swapdesk.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

/** Tokens a test forges: with the server's own key (bin/test's key file) or another one. */
public final class TestTokens {

    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private TestTokens() {
    }

    /** The key the server signs with, from IDENTITY_JWT_PRIVATE_KEY_LOCATION. */
    public static PrivateKey serverKey() throws Exception {
        String pem = Files.readString(Path.of(System.getenv("IDENTITY_JWT_PRIVATE_KEY_LOCATION")));
        String body = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body)));
    }

    public static PrivateKey otherKey() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair().getPrivate();
    }

    /** Claims as the server would issue them for {@code userId}, expiring {@code expiresIn} seconds from now. */
    public static JsonObject claims(String userId, long expiresIn, String... groups) {
        long now = System.currentTimeMillis() / 1000;
        return Json.createObjectBuilder()
                .add("iss", "swapdesk").add("aud", "swapdesk")
                .add("sub", userId).add("upn", userId)
                .add("groups", Json.createArrayBuilder(java.util.List.of(groups)))
                .add("iat", now - 60).add("exp", now + expiresIn)
                .add("jti", java.util.UUID.randomUUID().toString())
                .build();
    }

    public static String sign(JsonObject claims, PrivateKey key) throws Exception {
        String header = Json.createObjectBuilder().add("alg", "RS256").add("typ", "JWT").build().toString();
        String input = encode(header) + "." + encode(claims.toString());
        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initSign(key);
        rsa.update(input.getBytes(StandardCharsets.US_ASCII));
        return input + "." + BASE64URL.encodeToString(rsa.sign());
    }

    public static String encode(String json) {
        return BASE64URL.encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}

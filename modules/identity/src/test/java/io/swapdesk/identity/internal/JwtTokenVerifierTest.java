package io.swapdesk.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.swapdesk.identity.Role;
import io.swapdesk.identity.SignedInUser;
import io.swapdesk.identity.UserId;
import io.swapdesk.platform.DomainException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JwtTokenVerifierTest {

    private static final Instant START = Instant.parse("2026-11-21T12:00:00Z");

    @TempDir
    Path keys;

    private final MovableClock clock = new MovableClock();
    private TokenIssuer issuer;
    private JwtTokenVerifier verifier;

    @BeforeEach
    void keyPair() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        Files.writeString(keys.resolve("private.pem"), pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
        Files.writeString(keys.resolve("public.pem"), pem("PUBLIC KEY", pair.getPublic().getEncoded()));
        IdentitySettings settings = new IdentitySettings("localhost:9080", "http://localhost:9080", 300, 900,
                "swapdesk", "swapdesk", keys.resolve("private.pem").toString(), Optional.empty(), "mainnet", "pubnet",
                "mainnet", 60, 10);
        issuer = new TokenIssuer(settings, clock);
        verifier = new JwtTokenVerifier(settings, clock, keys.resolve("public.pem").toString(), 30);
    }

    @Test
    void aTokenSeenBeforeIsStillRefusedOnceItExpired() {
        UserId user = new UserId(UUID.randomUUID());
        String token = issuer.issue(user, Set.of(Role.TRADER)).token();

        SignedInUser first = verifier.verify(token);
        assertThat(first.id()).isEqualTo(user);
        assertThat(verifier.verify(token)).isEqualTo(first);

        clock.now = START.plus(Duration.ofSeconds(900 + 29));
        assertThat(verifier.verify(token).id()).isEqualTo(user);
        clock.now = START.plus(Duration.ofSeconds(900 + 30));
        assertThatThrownBy(() -> verifier.verify(token)).isInstanceOf(DomainException.class)
                .hasMessageContaining("expired");
    }

    @Test
    void anAlteredTokenIsRefusedThoughTheGenuineOneWasSeen() {
        String token = issuer.issue(new UserId(UUID.randomUUID()), Set.of(Role.TRADER)).token();
        verifier.verify(token);

        String[] parts = token.split("\\.");
        String otherSubject = token.replace(parts[1], Base64.getUrlEncoder().withoutPadding().encodeToString(
                new String(Base64.getUrlDecoder().decode(parts[1])).replaceFirst("\"sub\":\"[^\"]+\"",
                        "\"sub\":\"" + UUID.randomUUID() + "\"").getBytes()));
        assertThatThrownBy(() -> verifier.verify(otherSubject)).isInstanceOf(DomainException.class)
                .hasMessageContaining("signature");
        assertThatThrownBy(() -> verifier.verify(token + "x")).isInstanceOf(DomainException.class);
        assertThatThrownBy(() -> verifier.verify(null)).isInstanceOf(DomainException.class);
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder().encodeToString(der) + "\n-----END " + type
                + "-----\n";
    }

    private static final class MovableClock extends Clock {

        Instant now = START;

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}

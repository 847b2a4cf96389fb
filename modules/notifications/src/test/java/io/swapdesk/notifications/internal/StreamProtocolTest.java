package io.swapdesk.notifications.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.swapdesk.identity.IdentityError;
import io.swapdesk.identity.Role;
import io.swapdesk.identity.SignedInUser;
import io.swapdesk.identity.TokenVerifier;
import io.swapdesk.identity.UserId;
import io.swapdesk.platform.DomainException;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class StreamProtocolTest {

    @org.junit.jupiter.api.AfterEach
    void stopMarket() {
        market.close();
    }

    private static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");
    private static final UserId ALICE = new UserId(UUID.fromString("01900000-0000-7000-8000-00000000a11c"));
    private static final UserId BOB = new UserId(UUID.fromString("01900000-0000-7000-8000-000000000b0b"));

    /** Tokens are "alice", "bob" or "alice-expiring" (valid for one minute); anything else is refused. */
    private final TokenVerifier tokens = token -> switch (token) {
        case "alice" -> new SignedInUser(ALICE, Set.of(Role.TRADER), NOW.plusSeconds(900));
        case "alice-expiring" -> new SignedInUser(ALICE, Set.of(Role.TRADER), NOW.plusSeconds(60));
        case "bob" -> new SignedInUser(BOB, Set.of(Role.TRADER), NOW.plusSeconds(900));
        default -> throw new DomainException(IdentityError.INVALID_TOKEN, "the token's signature does not match");
    };
    private final MutableClock clock = new MutableClock(NOW);
    private final MarketFixture market = new MarketFixture();
    private final StreamProtocol protocol = market.protocol(tokens, clock);

    @Test
    void theAccountChannelNeedsAuthFirst() {
        assertThat(json(protocol.answer("{\"op\":\"subscribe\",\"channel\":\"account\"}")).getString("code"))
                .isEqualTo("NOT_SIGNED_IN");

        JsonObject authenticated = json(protocol.answer("{\"op\":\"auth\",\"token\":\"alice\"}"));

        assertThat(authenticated.getString("type")).isEqualTo("authenticated");
        assertThat(authenticated.getString("userId")).isEqualTo(ALICE.toString());
        assertThat(json(protocol.answer("{\"op\":\"subscribe\",\"channel\":\"account\"}")).getString("type"))
                .isEqualTo("subscribed");
        assertThat(protocol.accountSubscribed()).isTrue();
    }

    @Test
    void aRefusedTokenIsAnErrorAndSignsNobodyIn() {
        JsonObject answer = json(protocol.answer("{\"op\":\"auth\",\"token\":\"forged\"}"));

        assertThat(answer.getString("type")).isEqualTo("error");
        assertThat(answer.getString("code")).isEqualTo("INVALID_TOKEN");
        assertThat(answer.toString()).doesNotContain("forged");
        assertThat(protocol.signedInUser()).isEmpty();
        assertThat(json(protocol.answer("{\"op\":\"auth\"}")).getString("code")).isEqualTo("MISSING_TOKEN");
        assertThat(json(protocol.answer("{\"op\":\"auth\",\"token\":7}")).getString("code")).isEqualTo("MISSING_TOKEN");
    }

    @Test
    void anExpiredTokenEndsTheAccountSubscription() {
        protocol.answer("{\"op\":\"auth\",\"token\":\"alice-expiring\"}");
        protocol.answer("{\"op\":\"subscribe\",\"channel\":\"account\"}");

        clock.set(NOW.plusSeconds(61));

        assertThat(protocol.accountSubscribed()).isFalse();
        assertThat(json(protocol.answer("{\"op\":\"subscribe\",\"channel\":\"account\"}")).getString("code"))
                .isEqualTo("NOT_SIGNED_IN");
        protocol.answer("{\"op\":\"auth\",\"token\":\"alice\"}");
        assertThat(json(protocol.answer("{\"op\":\"subscribe\",\"channel\":\"account\"}")).getString("type"))
                .isEqualTo("subscribed");
    }

    @Test
    void aConnectionStaysWithItsFirstUser() {
        protocol.answer("{\"op\":\"auth\",\"token\":\"alice\"}");

        assertThat(json(protocol.answer("{\"op\":\"auth\",\"token\":\"bob\"}")).getString("code"))
                .isEqualTo("ALREADY_AUTHENTICATED");
        assertThat(protocol.signedInUser()).get().extracting(SignedInUser::id).isEqualTo(ALICE);
    }

    @Test
    void unknownAndMissingChannelsAreErrors() {
        assertThat(json(protocol.answer("{\"op\":\"subscribe\",\"channel\":\"gossip\"}")).getString("code"))
                .isEqualTo("UNKNOWN_CHANNEL");
        assertThat(json(protocol.answer("{\"op\":\"subscribe\"}")).getString("code")).isEqualTo("MISSING_CHANNEL");
        assertThat(json(protocol.answer("{\"op\":\"unsubscribe\",\"channel\":[]}")).getString("code"))
                .isEqualTo("UNKNOWN_CHANNEL");
    }

    /** A clock the test moves. */
    private static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void set(Instant instant) {
            now = instant;
        }

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

    @Test
    void pingIsAnsweredWithPong() {
        assertThat(json(protocol.answer("{\"op\":\"ping\"}")).getString("type")).isEqualTo("pong");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "not json", "[1,2]", "\"ping\"", "{\"op\":", "{}{}", "null"})
    void aFrameThatIsNotOneJsonObjectIsAnError(String frame) {
        JsonObject answer = json(protocol.answer(frame));
        assertThat(answer.getString("type")).isEqualTo("error");
        assertThat(answer.getString("code")).isIn("MALFORMED_MESSAGE");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{\"op\":1}", "{\"op\":null}", "{\"op\":{\"x\":1}}"})
    void aMessageWithoutAStringOpIsAnError(String frame) {
        assertThat(json(protocol.answer(frame)).getString("code")).isEqualTo("MISSING_OP");
    }

    @Test
    void anUnknownOpIsNamedClippedInTheError() {
        String longOp = "x".repeat(10_000);
        JsonObject answer = json(protocol.answer("{\"op\":\"" + longOp + "\"}"));
        assertThat(answer.getString("code")).isEqualTo("UNKNOWN_OP");
        assertThat(answer.getString("message")).hasSizeLessThan(200).contains("supported: ping");
    }

    private static JsonObject json(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }
}

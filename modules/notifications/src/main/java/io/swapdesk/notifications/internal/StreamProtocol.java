package io.swapdesk.notifications.internal;

import io.swapdesk.identity.SignedInUser;
import io.swapdesk.identity.TokenVerifier;
import io.swapdesk.platform.DomainException;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParser;
import jakarta.json.JsonString;
import java.io.StringReader;
import java.time.Clock;
import java.util.Optional;

/**
 * The {@code /ws} message protocol (docs/api/websocket.md): one JSON object per text frame with an {@code op};
 * every answer is a JSON object with a {@code type}. A bad frame gets an error message and leaves the connection
 * and every other client alone. Channels join here as their modules come (prices, bars, account).
 *
 * <p>One instance per connection: it holds who signed in on it ({@code auth}) and its subscriptions.
 */
final class StreamProtocol {

    static final int MAX_FRAME_CHARS = 16 * 1024;

    /** The signed-in user's own events (issue: the swap); needs auth. */
    static final String ACCOUNT = "account";

    /** Binary frames are not part of the protocol; up to this size they are read only to be refused as such. */
    static final int MAX_BINARY_FRAME_BYTES = 64 * 1024;

    private final TokenVerifier tokens;
    private final Clock clock;
    private SignedInUser user;
    private boolean accountSubscribed;

    StreamProtocol(TokenVerifier tokens, Clock clock) {
        this.tokens = tokens;
        this.clock = clock;
    }

    String answer(String frame) {
        JsonObject message;
        try {
            message = parse(frame);
        } catch (JsonException | IllegalStateException e) {
            return error("MALFORMED_MESSAGE", "Send one JSON object per frame, e.g. {\"op\":\"ping\"}.");
        }
        JsonValue op = message.get("op");
        if (!(op instanceof JsonString name)) {
            return error("MISSING_OP", "Every message needs a string \"op\", e.g. {\"op\":\"ping\"}.");
        }
        return switch (name.getString()) {
            case "ping" -> Json.createObjectBuilder().add("type", "pong").build().toString();
            case "auth" -> authenticate(message.get("token"));
            case "subscribe" -> subscribe(message.get("channel"));
            case "unsubscribe" -> unsubscribe(message.get("channel"));
            default -> error("UNKNOWN_OP", "Unknown op \"" + clip(name.getString())
                    + "\"; supported: ping, auth, subscribe, unsubscribe.");
        };
    }

    /** The user signed in on this connection while their token is valid; empty before auth and after expiry. */
    Optional<SignedInUser> signedInUser() {
        if (user != null && user.expiredAt(clock.instant())) {
            user = null;
            accountSubscribed = false;
        }
        return Optional.ofNullable(user);
    }

    boolean accountSubscribed() {
        return signedInUser().isPresent() && accountSubscribed;
    }

    /** A failed auth leaves the connection as it was: signed in as before, or not at all. */
    private String authenticate(JsonValue token) {
        if (!(token instanceof JsonString text)) {
            return error("MISSING_TOKEN", "auth needs the token from POST /api/auth/sessions: "
                    + "{\"op\":\"auth\",\"token\":\"…\"}.");
        }
        SignedInUser verified;
        try {
            verified = tokens.verify(text.getString());
        } catch (DomainException e) {
            return error(e.code().code(), e.detail());
        }
        if (user != null && !user.id().equals(verified.id())) {
            return error("ALREADY_AUTHENTICATED", "this connection is signed in as another user; open a new one.");
        }
        user = verified;
        return Json.createObjectBuilder().add("type", "authenticated").add("userId", verified.id().toString())
                .add("expiresAt", verified.expiresAt().toString()).build().toString();
    }

    private String subscribe(JsonValue channel) {
        if (!(channel instanceof JsonString name)) {
            return error("MISSING_CHANNEL", "subscribe needs a \"channel\", e.g. {\"op\":\"subscribe\",\"channel\":\"account\"}.");
        }
        if (!ACCOUNT.equals(name.getString())) {
            return error("UNKNOWN_CHANNEL", "Unknown channel \"" + clip(name.getString()) + "\"; served: account.");
        }
        if (signedInUser().isEmpty()) {
            return error("NOT_SIGNED_IN", "the account channel needs {\"op\":\"auth\",\"token\":\"…\"} first "
                    + "(and again after the token expires).");
        }
        accountSubscribed = true;
        return subscribed("subscribed");
    }

    private String unsubscribe(JsonValue channel) {
        if (!(channel instanceof JsonString name) || !ACCOUNT.equals(name.getString())) {
            return error("UNKNOWN_CHANNEL", "unsubscribe needs a served \"channel\": account.");
        }
        accountSubscribed = false;
        return subscribed("unsubscribed");
    }

    private static String subscribed(String type) {
        return Json.createObjectBuilder().add("type", type).add("channel", ACCOUNT).build().toString();
    }

    static String error(String code, String message) {
        return Json.createObjectBuilder()
                .add("type", "error")
                .add("code", code)
                .add("message", message)
                .build()
                .toString();
    }

    /** Exactly one JSON object: trailing content ({@code {}{}}) is refused too. */
    private static JsonObject parse(String frame) {
        try (JsonParser parser = Json.createParser(new StringReader(frame))) {
            if (!parser.hasNext() || parser.next() != JsonParser.Event.START_OBJECT) {
                throw new JsonException("not a JSON object");
            }
            JsonObject message = parser.getObject();
            if (parser.hasNext()) {
                throw new JsonException("content after the JSON object");
            }
            return message;
        }
    }

    private static String clip(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "…";
    }
}

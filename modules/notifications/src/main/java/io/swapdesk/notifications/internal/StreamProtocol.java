package io.swapdesk.notifications.internal;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParser;
import java.io.StringReader;

/**
 * The {@code /ws} message protocol (docs/api/websocket.md): one JSON object per text frame with an {@code op};
 * every answer is a JSON object with a {@code type}. A bad frame gets an error message and leaves the connection
 * and every other client alone. Channels join here as their modules come (prices, bars, account).
 */
final class StreamProtocol {

    static final int MAX_FRAME_CHARS = 16 * 1024;

    /** Binary frames are not part of the protocol; up to this size they are read only to be refused as such. */
    static final int MAX_BINARY_FRAME_BYTES = 64 * 1024;

    private StreamProtocol() {
    }

    static String answer(String frame) {
        JsonObject message;
        try {
            message = parse(frame);
        } catch (JsonException | IllegalStateException e) {
            return error("MALFORMED_MESSAGE", "Send one JSON object per frame, e.g. {\"op\":\"ping\"}.");
        }
        JsonValue op = message.get("op");
        if (!(op instanceof jakarta.json.JsonString name)) {
            return error("MISSING_OP", "Every message needs a string \"op\", e.g. {\"op\":\"ping\"}.");
        }
        return switch (name.getString()) {
            case "ping" -> Json.createObjectBuilder().add("type", "pong").build().toString();
            default -> error("UNKNOWN_OP", "Unknown op \"" + clip(name.getString()) + "\"; supported: ping.");
        };
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

package io.swapdesk.platform;

import jakarta.json.JsonException;
import jakarta.json.stream.JsonParser;
import java.io.StringReader;
import java.util.Objects;

/**
 * Checks for JSON text that modules store as is (event payloads, audit details): a single JSON object within a
 * size cap. Checked when the value is made, so a bad payload fails at its source instead of at commit.
 */
public final class JsonText {

    private JsonText() {
    }

    /**
     * @return {@code json}, if it is exactly one JSON object of at most {@code maxChars} characters
     * @throws IllegalArgumentException otherwise: the callers build these values from their own data, so a bad one
     *                                  is a programming error, not user input
     */
    public static String requireObject(String name, String json, int maxChars) {
        Objects.requireNonNull(json, name);
        if (json.length() > maxChars) {
            throw new IllegalArgumentException(name + " must be at most " + maxChars + " characters");
        }
        if (!isSingleObject(json)) {
            throw new IllegalArgumentException(name + " must be one JSON object");
        }
        return json;
    }

    private static boolean isSingleObject(String json) {
        try (JsonParser parser = Jsonp.createParser(new StringReader(json))) {
            if (!parser.hasNext() || parser.next() != JsonParser.Event.START_OBJECT) {
                return false;
            }
            // getObject, not skipObject: Parsson's skipObject never returns on truncated input such as "{".
            parser.getObject();
            return !parser.hasNext();
        } catch (JsonException e) {
            return false;
        }
    }
}

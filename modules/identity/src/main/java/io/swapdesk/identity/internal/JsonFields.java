package io.swapdesk.identity.internal;

import io.swapdesk.platform.DomainException;
import io.swapdesk.platform.PlatformError;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.util.Map;
import java.util.Optional;

/** Reads request fields from a JSON body with errors that name the field and what it must be. */
final class JsonFields {

    private JsonFields() {
    }

    /** The body as a JSON object; a missing body, an array or a scalar is refused. */
    static JsonObject requireObject(JsonValue body, String example) {
        if (!(body instanceof JsonObject object)) {
            throw new DomainException(PlatformError.INVALID_REQUEST, "the body must be a JSON object, e.g. " + example);
        }
        return object;
    }

    static String requiredString(JsonObject body, String field) {
        return optionalText(body, field, false).orElseThrow(() -> invalid(field, field + " is required"));
    }

    /** A string field, or for {@code acceptNumber} also a JSON integer, as text; empty when absent or null. */
    static Optional<String> optionalText(JsonObject body, String field, boolean acceptNumber) {
        JsonValue value = body.get(field);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return Optional.empty();
        }
        if (value instanceof JsonString text) {
            return Optional.of(text.getString());
        }
        if (acceptNumber && value instanceof JsonNumber number && number.isIntegral()) {
            return Optional.of(number.bigIntegerValue().toString());
        }
        throw invalid(field, field + " must be a " + (acceptNumber ? "string or an integer" : "string"));
    }

    private static DomainException invalid(String field, String detail) {
        return new DomainException(PlatformError.INVALID_REQUEST, detail, Map.of("field", field));
    }
}

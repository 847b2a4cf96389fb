package io.swapdesk.platform;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An expected failure with a stable {@link ErrorCode} and a detail a person can act on, e.g.
 * {@code amount must be a whole number of base units, digits only, at most 78 digits; got "-0"}.
 *
 * <p>The web layer turns it into an RFC 9457 {@link Problem}; optional properties become
 * extension members (such as {@code "field"}). Bugs are not domain exceptions: they stay
 * {@code IllegalArgumentException} / {@code IllegalStateException} and become a 500.
 */
public class DomainException extends RuntimeException {

    private final ErrorCode code;
    private final String detail;
    private final Map<String, Object> properties;

    public DomainException(ErrorCode code, String detail) {
        this(code, detail, Map.of());
    }

    /**
     * @param properties extension members for the problem, kept in iteration order; no null keys or
     *                   values
     */
    public DomainException(ErrorCode code, String detail, Map<String, ?> properties) {
        super(Objects.requireNonNull(code, "code").code() + ": " + Objects.requireNonNull(detail, "detail"));
        this.code = code;
        this.detail = detail;
        this.properties = orderedCopy(properties);
    }

    public ErrorCode code() {
        return code;
    }

    public String detail() {
        return detail;
    }

    /** Extension members, in the order given; unmodifiable. */
    public Map<String, Object> properties() {
        return properties;
    }

    static Map<String, Object> orderedCopy(Map<String, ?> properties) {
        Objects.requireNonNull(properties, "properties");
        Map<String, Object> copy = new LinkedHashMap<>();
        properties.forEach((key, value) -> copy.put(
                Objects.requireNonNull(key, "property name"),
                Objects.requireNonNull(value, () -> "value of property " + key)));
        return Collections.unmodifiableMap(copy);
    }
}

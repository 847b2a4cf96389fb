package io.swapdesk.platform;

import java.net.URI;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * An RFC 9457 problem detail: the body of every error response ({@value #MEDIA_TYPE}).
 *
 * <p>The accessors are named exactly as the RFC members ({@code type, title, status, detail,
 * instance}) plus SwapDesk's stable {@code code}. Serialize {@link #toJsonMap()}, not the record:
 * it puts the members in RFC order, drops an absent {@code instance}, and flattens the extension
 * {@link #properties()} to top-level members, as the RFC requires. A Java record cannot hold state
 * outside its components, so {@code properties} is a component; binding the record directly would
 * nest it instead of flattening it.
 *
 * @param instance a URI reference for this occurrence (usually the request path), or null
 */
public record Problem(URI type, String title, int status, String detail, String instance, String code,
                      Map<String, Object> properties) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** Member names the RFC and SwapDesk define; an extension property may not replace them. */
    private static final Set<String> STANDARD_MEMBERS =
            Set.of("type", "title", "status", "detail", "instance", "code");

    public Problem {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(code, "code");
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("status must be an HTTP status 100..599; got " + status);
        }
        properties = DomainException.orderedCopy(properties == null ? Map.of() : properties);
    }

    public static Problem of(ErrorCode code, String detail) {
        return of(code, detail, Map.of());
    }

    public static Problem from(DomainException exception) {
        return of(exception.code(), exception.detail(), exception.properties());
    }

    private static Problem of(ErrorCode code, String detail, Map<String, Object> properties) {
        return new Problem(code.type(), code.title(), code.status(), detail, null, code.code(), properties);
    }

    public Problem withInstance(String newInstance) {
        return new Problem(type, title, status, detail, newInstance, code, properties);
    }

    /**
     * The same problem sent with another status: for an HTTP status that has no code of its own, e.g. a 412 sent
     * as {@code INVALID_REQUEST}, so that the body's status always equals the response's.
     */
    public Problem withStatus(int newStatus) {
        return new Problem(type, title, newStatus, detail, instance, code, properties);
    }

    /**
     * The JSON members in order: type (as a string), title, status, detail, instance (only if
     * present), code, then the extension properties. An extension property named like a standard
     * member is dropped, so a module cannot change what a client branches on by accident.
     */
    public Map<String, Object> toJsonMap() {
        Map<String, Object> members = new LinkedHashMap<>();
        members.put("type", type.toString());
        members.put("title", title);
        members.put("status", status);
        members.put("detail", detail);
        if (instance != null) {
            members.put("instance", instance);
        }
        members.put("code", code);
        properties.forEach((name, value) -> {
            if (!STANDARD_MEMBERS.contains(name)) {
                members.put(name, value);
            }
        });
        return Collections.unmodifiableMap(members);
    }
}

package io.swapdesk.risk;

import java.util.Objects;

/**
 * One decision to remember: who did what to what. Detail is a JSON object with whatever explains it
 * (old and new limit, reason); it never holds keys or signatures.
 */
public record AuditEntry(String actor, String action, String subject, String detailJson) {

    public AuditEntry {
        requireLength("actor", actor, 200);
        requireLength("action", action, 100);
        requireLength("subject", subject, 200);
        Objects.requireNonNull(detailJson, "detailJson");
        if (!detailJson.strip().startsWith("{")) {
            throw new IllegalArgumentException("detail must be a JSON object");
        }
    }

    private static void requireLength(String name, String value, int max) {
        Objects.requireNonNull(value, name);
        if (value.isBlank() || value.length() > max) {
            throw new IllegalArgumentException(name + " must be 1 to " + max + " characters");
        }
    }
}

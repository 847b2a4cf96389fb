package io.swapdesk.risk;

import io.swapdesk.platform.JsonText;
import java.util.Objects;

/**
 * One decision to remember: who did what to what. Detail is a JSON object with whatever explains it
 * (old and new limit, reason); it never holds keys or signatures.
 */
public record AuditEntry(String actor, String action, String subject, String detailJson) {

    static final int MAX_DETAIL_CHARS = 16 * 1024;

    public AuditEntry {
        requireLength("actor", actor, 200);
        requireLength("action", action, 100);
        requireLength("subject", subject, 200);
        JsonText.requireObject("detail", detailJson, MAX_DETAIL_CHARS);
    }

    private static void requireLength(String name, String value, int max) {
        Objects.requireNonNull(value, name);
        if (value.isBlank() || value.length() > max) {
            throw new IllegalArgumentException(name + " must be 1 to " + max + " characters");
        }
    }
}

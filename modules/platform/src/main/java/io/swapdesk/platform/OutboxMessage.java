package io.swapdesk.platform;

import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * An event to deliver after commit.
 *
 * @param eventType   dotted lower-case name in the past tense, e.g. {@code execution.completed}
 * @param subject     what it is about, e.g. a quote id
 * @param userId      the user it belongs to; their sessions receive it (empty for system events)
 * @param payloadJson a JSON object
 */
public record OutboxMessage(String eventType, String subject, Optional<UUID> userId, String payloadJson) {

    private static final Pattern EVENT_TYPE = Pattern.compile("[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)+");
    private static final int MAX_SUBJECT = 200;
    /** Events carry ids and amounts, not documents: a large payload is a bug upstream. */
    static final int MAX_PAYLOAD_CHARS = 16 * 1024;

    public OutboxMessage {
        Objects.requireNonNull(eventType, "eventType");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(userId, "userId");
        if (eventType.length() > 100 || !EVENT_TYPE.matcher(eventType).matches()) {
            throw new IllegalArgumentException("event type must be dotted lower case, e.g. execution.completed");
        }
        if (subject.isEmpty() || subject.length() > MAX_SUBJECT) {
            throw new IllegalArgumentException("subject must be 1 to " + MAX_SUBJECT + " characters");
        }
        JsonText.requireObject("payload", payloadJson, MAX_PAYLOAD_CHARS);
    }

    public static OutboxMessage forUser(String eventType, String subject, UUID userId, String payloadJson) {
        return new OutboxMessage(eventType, subject, Optional.of(userId), payloadJson);
    }

    public static OutboxMessage system(String eventType, String subject, String payloadJson) {
        return new OutboxMessage(eventType, subject, Optional.empty(), payloadJson);
    }
}

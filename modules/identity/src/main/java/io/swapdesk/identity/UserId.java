package io.swapdesk.identity;

import java.util.Objects;
import java.util.UUID;

/** A SwapDesk user, the subject of its tokens; other modules keep this id, never a user row. */
public record UserId(UUID value) {

    public UserId {
        Objects.requireNonNull(value, "value");
    }

    /**
     * @throws IllegalArgumentException when {@code text} is not a UUID
     */
    public static UserId parse(String text) {
        Objects.requireNonNull(text, "user id");
        if (text.length() != 36) {
            throw new IllegalArgumentException("a user id is a UUID of 36 characters");
        }
        return new UserId(UUID.fromString(text));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}

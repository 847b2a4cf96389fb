package io.swapdesk.quotes.internal;

import io.swapdesk.platform.DomainException;
import io.swapdesk.platform.PlatformError;

import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

/** The opaque position in a user's quote list: the last quote id seen, base64url without padding (22 characters). */
final class Cursor {

    private static final int LENGTH = 22;

    private Cursor() {
    }

    static String of(UUID lastSeen) {
        ByteBuffer bytes = ByteBuffer.allocate(16).putLong(lastSeen.getMostSignificantBits())
                .putLong(lastSeen.getLeastSignificantBits());
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.array());
    }

    /** @throws DomainException {@code INVALID_REQUEST} for anything but a cursor this server handed out */
    static UUID parse(String cursor) {
        if (cursor.length() == LENGTH) {
            try {
                ByteBuffer bytes = ByteBuffer.wrap(Base64.getUrlDecoder().decode(cursor));
                UUID id = new UUID(bytes.getLong(), bytes.getLong());
                if (id.version() == 7 && id.variant() == 2 && of(id).equals(cursor)) {
                    return id;
                }
            } catch (IllegalArgumentException e) {
                // not base64url: refused below
            }
        }
        throw new DomainException(PlatformError.INVALID_REQUEST, "cursor must be the nextCursor of a previous page, "
                + "as it was given; got " + AssetCatalog.clip(cursor), Map.of("field", "cursor"));
    }
}

package io.swapdesk.notifications.internal;

import java.nio.charset.StandardCharsets;

/**
 * Joins the fragments of one client text message, and refuses it as soon as they pass the size limit. The container
 * checks each frame against the limit from its header, before reading the payload, but joins a message's frames
 * without any limit: a client could send a message of any size in small fragments and have the server hold all of
 * it. This counts what has arrived, in UTF-8 bytes as the container counts a frame, and holds nothing beyond the limit.
 */
final class TextAssembler {

    /** The message passed the limit: what is held is dropped, and the rest of the message must be too. */
    static final class TooBig extends Exception {
        TooBig(int maxBytes) {
            super("message too big: more than " + maxBytes + " bytes; send one JSON object per message");
        }
    }

    private final int maxBytes;
    private StringBuilder held;
    private int heldBytes;
    private boolean refusing;

    TextAssembler(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    /**
     * @return the whole message once {@code last} has come; null while more of it is to come, or while the rest of a
     *         refused message is still arriving
     * @throws TooBig once, when the message passes the limit
     */
    String add(String part, boolean last) throws TooBig {
        if (refusing) {
            refusing = !last;
            return null;
        }
        if (last && held == null) {
            return part; // the usual message, in one frame: the container has checked its size
        }
        heldBytes += utf8Length(part);
        if (heldBytes > maxBytes) {
            held = null;
            heldBytes = 0;
            refusing = !last;
            throw new TooBig(maxBytes);
        }
        if (held == null) {
            held = new StringBuilder(part.length() * 2);
        }
        held.append(part);
        if (!last) {
            return null;
        }
        String message = held.toString();
        held = null;
        heldBytes = 0;
        return message;
    }

    private static int utf8Length(String text) {
        int ascii = 0;
        while (ascii < text.length() && text.charAt(ascii) < 0x80) {
            ascii++;
        }
        return ascii == text.length() ? ascii
                : ascii + text.substring(ascii).getBytes(StandardCharsets.UTF_8).length;
    }
}

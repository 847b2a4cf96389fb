package io.swapdesk.platform;

import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.Objects;
import java.util.UUID;

/**
 * A quote's reference on chain: the {@code bytes32 quoteId} of the escrow's {@code deposit} and
 * {@code fill}. It is the quote's UUID in the last 16 bytes, zeros before, so that it converts both
 * ways without a lookup and a deposit names exactly one quote.
 */
public record QuoteRef(UUID quoteId) {

    public static final int LENGTH = 32;

    public QuoteRef {
        Objects.requireNonNull(quoteId, "quoteId");
    }

    /**
     * @throws IllegalArgumentException unless 32 bytes whose first 16 are zero
     */
    public static QuoteRef fromBytes32(byte[] bytes) {
        if (bytes.length != LENGTH) {
            throw new IllegalArgumentException("a quote reference is 32 bytes; got " + bytes.length);
        }
        for (int i = 0; i < LENGTH / 2; i++) {
            if (bytes[i] != 0) {
                throw new IllegalArgumentException("not a SwapDesk quote reference: the first 16 bytes must be zero");
            }
        }
        ByteBuffer uuid = ByteBuffer.wrap(bytes, LENGTH / 2, LENGTH / 2);
        return new QuoteRef(new UUID(uuid.getLong(), uuid.getLong()));
    }

    public byte[] toBytes32() {
        ByteBuffer bytes = ByteBuffer.allocate(LENGTH);
        bytes.position(LENGTH / 2);
        bytes.putLong(quoteId.getMostSignificantBits()).putLong(quoteId.getLeastSignificantBits());
        return bytes.array();
    }

    /** {@code 0x} + 64 hex digits, as wallets and explorers show a bytes32. */
    public String toHex() {
        return "0x" + HexFormat.of().formatHex(toBytes32());
    }
}

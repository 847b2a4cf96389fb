package io.swapdesk.platform;

import io.swapdesk.platform.internal.Inputs;
import io.swapdesk.platform.internal.Keccak256;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A 20-byte EVM account or contract address.
 *
 * <p>Text form is {@code "0x"} plus 40 hex characters. All-lowercase and all-uppercase hex carry
 * no checksum and are accepted as is; mixed case is an EIP-55 checksum and must match exactly,
 * since a mismatch means a typo that could send funds to an address nobody controls. Nothing is
 * auto-corrected. Equality is by bytes, so case never matters once parsed; output is always the
 * EIP-55 form.
 */
public final class EvmAddress {

    public static final int LENGTH = 20;
    private static final int HEX_LENGTH = 2 * LENGTH;
    private static final String PREFIX = "0x";
    private static final String FORMAT = "address must be \"0x\" followed by exactly 40 hex characters";

    public static final EvmAddress ZERO = new EvmAddress(new byte[LENGTH]);

    private final byte[] bytes;
    private final String checksummed;

    private EvmAddress(byte[] bytes) {
        this.bytes = bytes;
        this.checksummed = checksum(bytes);
    }

    /**
     * Reads {@code 0x} + 40 hex characters; mixed case must be a valid EIP-55 checksum.
     *
     * @throws DomainException with {@link PlatformError#INVALID_ADDRESS}
     */
    public static EvmAddress parse(String text) {
        requireShape(text);
        boolean hasLower = false;
        boolean hasUpper = false;
        byte[] bytes = new byte[LENGTH];
        for (int i = 0; i < HEX_LENGTH; i++) {
            char c = text.charAt(PREFIX.length() + i);
            int nibble = Inputs.hexValue(c);
            if (nibble < 0) {
                throw invalid(FORMAT + "; character " + (PREFIX.length() + i + 1) + " is not hex in "
                        + Inputs.quote(text, text.length()));
            }
            hasLower |= c >= 'a' && c <= 'f';
            hasUpper |= c >= 'A' && c <= 'F';
            bytes[i / 2] = (byte) ((bytes[i / 2] << 4) | nibble);
        }
        EvmAddress address = new EvmAddress(bytes);
        if (hasLower && hasUpper && !address.checksummed.equals(text)) {
            throw invalid("address checksum does not match (EIP-55): mixed-case hex must match its checksum exactly, "
                    + "so check the address for a typo; got " + Inputs.quote(text, text.length()));
        }
        return address;
    }

    /** Wraps 20 raw bytes (e.g. from ABI decoding); the array is copied. */
    public static EvmAddress of(byte[] bytes) {
        if (bytes == null || bytes.length != LENGTH) {
            throw invalid("address must be exactly " + LENGTH + " bytes; got "
                    + (bytes == null ? "none" : bytes.length + " bytes"));
        }
        return new EvmAddress(bytes.clone());
    }

    /** The 20 bytes; a copy, so the address stays immutable. */
    public byte[] bytes() {
        return bytes.clone();
    }

    /** The EIP-55 mixed-case form, e.g. {@code 0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed}. */
    public String toChecksumString() {
        return checksummed;
    }

    @Override
    public String toString() {
        return checksummed;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof EvmAddress address && Arrays.equals(bytes, address.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    // Length and prefix before looking at any character, so a 10 MB string costs one comparison.
    // Inputs past these checks are exactly 42 characters, so details may echo them in full.
    private static void requireShape(String text) {
        if (text == null) {
            throw invalid("address is required: " + FORMAT);
        }
        if (text.length() != PREFIX.length() + HEX_LENGTH) {
            throw invalid(FORMAT + " (42 characters); got " + text.length() + " characters: " + Inputs.quote(text));
        }
        if (!text.startsWith(PREFIX)) {
            throw invalid(FORMAT + "; it must start with lowercase \"0x\"; got " + Inputs.quote(text, text.length()));
        }
    }

    /** EIP-55: uppercase each hex letter whose nibble in keccak256(lowercase hex) is 8 or more. */
    private static String checksum(byte[] bytes) {
        String lowerHex = toLowerHex(bytes);
        byte[] hash = Keccak256.hash(lowerHex.getBytes(StandardCharsets.US_ASCII));
        StringBuilder out = new StringBuilder(PREFIX.length() + HEX_LENGTH).append(PREFIX);
        for (int i = 0; i < HEX_LENGTH; i++) {
            char c = lowerHex.charAt(i);
            int hashNibble = (i % 2 == 0 ? hash[i / 2] >> 4 : hash[i / 2]) & 0x0f;
            out.append(c >= 'a' && hashNibble >= 8 ? Character.toUpperCase(c) : c);
        }
        return out.toString();
    }

    private static String toLowerHex(byte[] bytes) {
        StringBuilder hex = new StringBuilder(HEX_LENGTH);
        for (byte b : bytes) {
            hex.append(Character.forDigit((b >> 4) & 0x0f, 16)).append(Character.forDigit(b & 0x0f, 16));
        }
        return hex.toString();
    }

    private static DomainException invalid(String detail) {
        return new DomainException(PlatformError.INVALID_ADDRESS, detail);
    }
}

package io.swapdesk.chains;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A secp256k1 private key that signs transactions, e.g. the owner key of a test price feed. Its
 * text never appears in {@link #toString()}, logs or errors.
 */
public final class SignerKey {

    private static final Pattern HEX_KEY = Pattern.compile("(0x)?[0-9a-fA-F]{64}");

    private final String hex;

    private SignerKey(String hex) {
        this.hex = hex;
    }

    /**
     * @param hex 64 hex digits, with or without {@code 0x}
     * @throws IllegalArgumentException without echoing the input
     */
    public static SignerKey of(String hex) {
        Objects.requireNonNull(hex, "key");
        String stripped = hex.strip();
        if (!HEX_KEY.matcher(stripped).matches()) {
            throw new IllegalArgumentException("a signer key is 64 hex digits, optionally prefixed with 0x");
        }
        return new SignerKey(stripped.startsWith("0x") ? stripped : "0x" + stripped);
    }

    /** The key as {@code 0x} plus 64 hex digits; for the chains module's signing code only. */
    public String reveal() {
        return hex;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SignerKey key && key.hex.equalsIgnoreCase(hex);
    }

    @Override
    public int hashCode() {
        return hex.toLowerCase(java.util.Locale.ROOT).hashCode();
    }

    @Override
    public String toString() {
        return "SignerKey[redacted]";
    }
}

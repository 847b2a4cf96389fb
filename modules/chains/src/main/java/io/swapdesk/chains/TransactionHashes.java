package io.swapdesk.chains;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/** Transaction and block hashes as text: {@code 0x} + 64 hex digits, kept in lower case. */
public final class TransactionHashes {

    private static final Pattern HASH = Pattern.compile("0x[0-9a-fA-F]{64}");

    private TransactionHashes() {
    }

    /**
     * @return the hash in lower case
     * @throws IllegalArgumentException unless {@code 0x} + 64 hex digits
     */
    public static String require(String hash) {
        Objects.requireNonNull(hash, "hash");
        if (!HASH.matcher(hash).matches()) {
            throw new IllegalArgumentException("a hash is 0x followed by 64 hex digits");
        }
        return hash.toLowerCase(Locale.ROOT);
    }
}

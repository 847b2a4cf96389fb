package io.swapdesk.platform.internal;

import org.bouncycastle.crypto.digests.KeccakDigest;

/**
 * Keccak-256 as Ethereum uses it. Not the same as the JDK's {@code SHA3-256}: FIPS 202 changed the
 * padding after Ethereum had adopted the original Keccak submission.
 */
public final class Keccak256 {

    private static final int BITS = 256;

    private Keccak256() {
    }

    public static byte[] hash(byte[] input) {
        // A fresh digest per call: KeccakDigest is stateful and not thread-safe, and it is cheap.
        KeccakDigest digest = new KeccakDigest(BITS);
        digest.update(input, 0, input.length);
        byte[] out = new byte[digest.getDigestSize()];
        digest.doFinal(out, 0);
        return out;
    }
}

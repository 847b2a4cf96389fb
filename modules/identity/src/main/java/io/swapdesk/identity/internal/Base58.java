package io.swapdesk.identity.internal;

import java.util.Arrays;

/** Bitcoin-alphabet base58, as Solana writes public keys. Decoding only: SwapDesk never mints Solana addresses. */
final class Base58 {

    private static final String ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
    private static final int[] INDEXES = new int[128];

    static {
        Arrays.fill(INDEXES, -1);
        for (int i = 0; i < ALPHABET.length(); i++) {
            INDEXES[ALPHABET.charAt(i)] = i;
        }
    }

    private Base58() {
    }

    /**
     * @throws IllegalArgumentException naming the first character outside the alphabet
     */
    static byte[] decode(String text) {
        if (text.isEmpty()) {
            return new byte[0];
        }
        // Big-endian base-256 digits, filled from the right; leading '1's are leading zero bytes.
        byte[] bytes = new byte[text.length()];
        int length = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            int digit = c < 128 ? INDEXES[c] : -1;
            if (digit < 0) {
                throw new IllegalArgumentException("character " + (i + 1) + " is not base58");
            }
            int carry = digit;
            for (int j = 0; j < length; j++) {
                carry += (bytes[bytes.length - 1 - j] & 0xff) * 58;
                bytes[bytes.length - 1 - j] = (byte) carry;
                carry >>= 8;
            }
            while (carry > 0) {
                bytes[bytes.length - 1 - length++] = (byte) carry;
                carry >>= 8;
            }
        }
        int leadingZeros = 0;
        while (leadingZeros < text.length() && text.charAt(leadingZeros) == '1') {
            leadingZeros++;
        }
        byte[] decoded = new byte[leadingZeros + length];
        System.arraycopy(bytes, bytes.length - length, decoded, leadingZeros, length);
        return decoded;
    }

    static String encode(byte[] bytes) {
        StringBuilder out = new StringBuilder();
        byte[] digits = bytes.clone();
        int start = 0;
        while (start < digits.length && digits[start] == 0) {
            start++;
        }
        int zeros = start;
        while (start < digits.length) {
            int remainder = 0;
            for (int i = start; i < digits.length; i++) {
                int value = (remainder << 8) | (digits[i] & 0xff);
                digits[i] = (byte) (value / 58);
                remainder = value % 58;
            }
            out.append(ALPHABET.charAt(remainder));
            while (start < digits.length && digits[start] == 0) {
                start++;
            }
        }
        out.append("1".repeat(zeros));
        return out.reverse().toString();
    }
}

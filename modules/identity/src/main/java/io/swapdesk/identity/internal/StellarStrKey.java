package io.swapdesk.identity.internal;

import java.util.Arrays;

/**
 * Stellar's StrKey for account ids ({@code G…}): base32 (RFC 4648, no padding) of a version byte
 * (6 &lt;&lt; 3), the 32-byte Ed25519 public key, and a CRC16-XModem checksum, little-endian.
 */
final class StellarStrKey {

    static final int LENGTH = 56;
    private static final int ACCOUNT_ID_VERSION = 6 << 3;
    private static final String BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    private StellarStrKey() {
    }

    /**
     * @return the 32-byte public key
     * @throws IllegalArgumentException saying what is wrong
     */
    static byte[] decodeAccountId(String text) {
        if (text.length() != LENGTH) {
            throw new IllegalArgumentException("a Stellar account id is 56 characters; got " + text.length());
        }
        if (text.charAt(0) != 'G') {
            throw new IllegalArgumentException("a Stellar account id starts with G");
        }
        byte[] raw = base32Decode(text);
        if ((raw[0] & 0xff) != ACCOUNT_ID_VERSION) {
            throw new IllegalArgumentException("not a Stellar account id (version byte)");
        }
        byte[] payload = Arrays.copyOf(raw, 33);
        int expected = crc16XModem(payload);
        int actual = (raw[33] & 0xff) | (raw[34] & 0xff) << 8;
        if (expected != actual) {
            throw new IllegalArgumentException("the Stellar account id's checksum does not match: check it for a typo");
        }
        return Arrays.copyOfRange(raw, 1, 33);
    }

    static String encodeAccountId(byte[] publicKey) {
        byte[] raw = new byte[35];
        raw[0] = (byte) ACCOUNT_ID_VERSION;
        System.arraycopy(publicKey, 0, raw, 1, 32);
        int crc = crc16XModem(Arrays.copyOf(raw, 33));
        raw[33] = (byte) crc;
        raw[34] = (byte) (crc >>> 8);
        return base32Encode(raw);
    }

    /** 56 characters carry 280 bits: exactly 35 bytes, no padding. */
    private static byte[] base32Decode(String text) {
        byte[] out = new byte[text.length() * 5 / 8];
        long buffer = 0;
        int bits = 0;
        int index = 0;
        for (int i = 0; i < text.length(); i++) {
            int value = BASE32.indexOf(text.charAt(i));
            if (value < 0) {
                throw new IllegalArgumentException("character " + (i + 1) + " is not base32 (A-Z, 2-7)");
            }
            buffer = buffer << 5 | value;
            bits += 5;
            if (bits >= 8) {
                out[index++] = (byte) (buffer >>> (bits - 8));
                bits -= 8;
            }
        }
        return out;
    }

    private static String base32Encode(byte[] bytes) {
        StringBuilder out = new StringBuilder();
        long buffer = 0;
        int bits = 0;
        for (byte b : bytes) {
            buffer = buffer << 8 | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                out.append(BASE32.charAt((int) (buffer >>> (bits - 5)) & 31));
                bits -= 5;
            }
        }
        return out.toString();
    }

    static int crc16XModem(byte[] bytes) {
        int crc = 0;
        for (byte b : bytes) {
            crc ^= (b & 0xff) << 8;
            for (int i = 0; i < 8; i++) {
                crc = (crc & 0x8000) != 0 ? (crc << 1) ^ 0x1021 : crc << 1;
            }
            crc &= 0xffff;
        }
        return crc;
    }
}

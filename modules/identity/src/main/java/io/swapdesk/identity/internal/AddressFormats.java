package io.swapdesk.identity.internal;

import io.swapdesk.identity.ChainFamily;
import io.swapdesk.platform.DomainException;
import io.swapdesk.platform.EvmAddress;
import io.swapdesk.platform.PlatformError;

import java.util.HexFormat;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Address validation and canonical forms per chain family, and the Ed25519 public key that Solana,
 * Stellar and NEAR implicit addresses are. Every refusal says what the address should look like.
 */
public final class AddressFormats {

    /** Longer than any valid address of any family: checked before any parsing work. */
    private static final int MAX_LENGTH = 100;
    private static final int ED25519_KEY_LENGTH = 32;
    private static final Pattern NEAR_IMPLICIT = Pattern.compile("[0-9a-f]{64}");
    /** NEAR's account id rule: 2 to 64 characters, parts of [a-z0-9] joined by single '-' or '_', dot-separated. */
    private static final Pattern NEAR_NAMED = Pattern.compile("(([a-z\\d]+[-_])*[a-z\\d]+\\.)*([a-z\\d]+[-_])*[a-z\\d]+");

    private AddressFormats() {
    }

    /**
     * @throws DomainException {@link PlatformError#INVALID_ADDRESS}
     */
    public static String canonical(ChainFamily family, String text) {
        if (text == null || text.isEmpty()) {
            throw invalid(family, "address is required");
        }
        if (text.length() > MAX_LENGTH) {
            throw invalid(family, "address is " + text.length() + " characters; no " + family.displayName()
                    + " address is longer than 64");
        }
        return switch (family) {
            case EVM -> EvmAddress.parse(text).toChecksumString();
            case SOLANA -> solana(text);
            case STELLAR -> stellar(text);
            case NEAR -> near(text);
        };
    }

    /** Whether the canonical NEAR address is a named account (alice.near) rather than an implicit one. */
    public static boolean isNamedNearAccount(String canonical) {
        return !NEAR_IMPLICIT.matcher(canonical).matches();
    }

    /** The 32-byte Ed25519 public key a canonical Solana, Stellar or NEAR implicit address encodes. */
    public static byte[] ed25519PublicKey(ChainFamily family, String canonical) {
        return switch (family) {
            case SOLANA -> Base58.decode(canonical);
            case STELLAR -> StellarStrKey.decodeAccountId(canonical);
            case NEAR -> HexFormat.of().parseHex(canonical);
            case EVM -> throw new IllegalArgumentException("EVM addresses are not Ed25519 keys");
        };
    }

    /** The canonical address of an Ed25519 public key in a family that uses such keys as addresses. */
    public static String fromEd25519PublicKey(ChainFamily family, byte[] publicKey) {
        if (publicKey.length != ED25519_KEY_LENGTH) {
            throw new IllegalArgumentException("an Ed25519 public key is 32 bytes; got " + publicKey.length);
        }
        return switch (family) {
            case SOLANA -> Base58.encode(publicKey);
            case STELLAR -> StellarStrKey.encodeAccountId(publicKey);
            case NEAR -> HexFormat.of().formatHex(publicKey);
            case EVM -> throw new IllegalArgumentException("EVM addresses are not Ed25519 keys");
        };
    }

    private static String solana(String text) {
        byte[] key;
        try {
            key = Base58.decode(text);
        } catch (IllegalArgumentException e) {
            throw invalid(ChainFamily.SOLANA, "a Solana address is a base58 public key: " + e.getMessage());
        }
        if (key.length != ED25519_KEY_LENGTH) {
            throw invalid(ChainFamily.SOLANA, "a Solana address is a base58-encoded 32-byte public key; this one decodes to "
                    + key.length + " bytes");
        }
        return text;
    }

    private static String stellar(String text) {
        try {
            StellarStrKey.decodeAccountId(text);
            return text;
        } catch (IllegalArgumentException e) {
            throw invalid(ChainFamily.STELLAR, e.getMessage() + " (a Stellar account id is G followed by 55 base32 characters)");
        }
    }

    private static String near(String text) {
        if (text.length() == 64 && NEAR_IMPLICIT.matcher(text.toLowerCase(java.util.Locale.ROOT)).matches()) {
            return text.toLowerCase(java.util.Locale.ROOT);
        }
        if (text.length() < 2 || text.length() > 64 || !NEAR_NAMED.matcher(text).matches()) {
            throw invalid(ChainFamily.NEAR, "a NEAR account is 64 hex characters (implicit) or a named account of 2 to 64 "
                    + "lower-case letters, digits, '-', '_' and '.' such as alice.near");
        }
        return text;
    }

    private static DomainException invalid(ChainFamily family, String detail) {
        return new DomainException(PlatformError.INVALID_ADDRESS, detail, Map.of("field", "address", "chain", family.wireName()));
    }
}

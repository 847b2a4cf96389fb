package io.swapdesk.identity;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The wallet families SwapDesk verifies, each with its own address format and signature scheme. */
public enum ChainFamily {
    /** secp256k1 keys (EIP-191 personal_sign) and EIP-1271 contract wallets; 0x addresses. */
    EVM("Ethereum"),
    /** Ed25519 keys; the address is the base58 public key. */
    SOLANA("Solana"),
    /** Ed25519 keys; the address is the StrKey {@code G…} account id. */
    STELLAR("Stellar"),
    /** Ed25519 keys; implicit accounts are the hex public key. */
    NEAR("NEAR");

    private final String displayName;

    ChainFamily(String displayName) {
        this.displayName = displayName;
    }

    /** The name on the wire and in the database: {@code evm}, {@code solana}, {@code stellar}, {@code near}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The name in the sign-in message: "… sign in with your Ethereum account". */
    public String displayName() {
        return displayName;
    }

    /**
     * @throws IllegalArgumentException naming the accepted values
     */
    public static ChainFamily fromWireName(String text) {
        return Arrays.stream(values()).filter(family -> family.wireName().equals(text)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("chain must be one of " + Arrays.stream(values())
                        .map(ChainFamily::wireName).collect(Collectors.joining(", ")) + "; got " + clip(text)));
    }

    private static String clip(String text) {
        if (text == null) {
            return "nothing";
        }
        return text.length() > 20 ? text.substring(0, 20) + "…" : text;
    }
}

package io.swapdesk.identity;

import io.swapdesk.identity.internal.AddressFormats;
import io.swapdesk.platform.DomainException;

import java.util.Objects;

/**
 * A wallet address in its family's canonical form: EIP-55 checksummed for EVM, as given for Solana
 * (base58 is case-sensitive) and Stellar (upper case), lower case for NEAR. Two wallets are the same
 * exactly when family and canonical address are equal.
 */
public record WalletAddress(ChainFamily family, String address) {

    public WalletAddress {
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(address, "address");
    }

    /**
     * Validates {@code text} for {@code family} and returns its canonical form.
     *
     * @throws DomainException {@link io.swapdesk.platform.PlatformError#INVALID_ADDRESS} saying what is wrong
     */
    public static WalletAddress parse(ChainFamily family, String text) {
        return new WalletAddress(family, AddressFormats.canonical(family, text));
    }

    /**
     * The address of an Ed25519 public key in a family whose addresses are such keys: Solana, Stellar,
     * and NEAR implicit accounts.
     *
     * @throws IllegalArgumentException for EVM, or a key that is not 32 bytes
     */
    public static WalletAddress ofEd25519PublicKey(ChainFamily family, byte[] publicKey) {
        return new WalletAddress(family, AddressFormats.fromEd25519PublicKey(family, publicKey));
    }

    @Override
    public String toString() {
        return family.wireName() + ":" + address;
    }
}

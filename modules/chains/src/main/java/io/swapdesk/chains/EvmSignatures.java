package io.swapdesk.chains;

import io.swapdesk.platform.ChainId;
import io.swapdesk.platform.DomainException;
import io.swapdesk.platform.EvmAddress;

import java.util.Optional;

/**
 * Checks of EVM wallet signatures over text messages signed with {@code personal_sign} (EIP-191,
 * version 0x45): keys held by a person, and contract wallets that answer EIP-1271.
 */
public interface EvmSignatures {

    /**
     * The address whose key made {@code signature} (65 bytes: r, s, v with v in 0, 1, 27 or 28) over
     * the EIP-191 hash of {@code message}; empty when the signature is malformed, has a high s
     * (EIP-2), or recovers no key. Pure computation: no chain is asked.
     */
    Optional<EvmAddress> recoverPersonalSigner(byte[] message, byte[] signature);

    /**
     * Asks the contract at {@code wallet} on {@code chain} whether {@code signature} is its valid
     * signature over the EIP-191 hash of {@code message} (EIP-1271 {@code isValidSignature}); false
     * when the call reverts or answers anything but the magic value.
     *
     * @throws DomainException {@link ChainsError#UNKNOWN_CHAIN} or {@link ChainsError#CHAIN_UNAVAILABLE}
     */
    boolean isValidContractSignature(ChainId chain, EvmAddress wallet, byte[] message, byte[] signature);
}

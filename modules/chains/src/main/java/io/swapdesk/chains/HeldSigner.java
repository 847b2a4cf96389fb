package io.swapdesk.chains;

import io.swapdesk.platform.ChainId;
import io.swapdesk.platform.EvmAddress;

import java.math.BigInteger;
import java.util.Objects;
import java.util.UUID;

/**
 * A signer account taken from the pool by one holder, with the nonce reserved for the holder's transaction.
 *
 * @param chain   the chain
 * @param address the account
 * @param nonce   the nonce reserved for the holder (the pool's next nonce moved past it)
 * @param holder  who holds it, e.g. a delivery's quote id
 */
public record HeldSigner(ChainId chain, EvmAddress address, BigInteger nonce, UUID holder) {

    public HeldSigner {
        Objects.requireNonNull(chain, "chain");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(nonce, "nonce");
        Objects.requireNonNull(holder, "holder");
    }
}

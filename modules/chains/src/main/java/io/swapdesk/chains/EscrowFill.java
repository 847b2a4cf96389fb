package io.swapdesk.chains;

import io.swapdesk.platform.EvmAddress;

import java.math.BigInteger;
import java.util.Objects;

/**
 * The escrow's {@code Filled} event of one quote reference: the fill that happened, whichever transaction made it.
 *
 * @param txHash      the transaction that filled the quote
 * @param blockNumber its block
 * @param token       the token delivered
 * @param recipient   who received it
 * @param amount      how much, in the token's base units
 * @param signer      the signer account that sent the fill
 */
public record EscrowFill(String txHash, long blockNumber, EvmAddress token, EvmAddress recipient, BigInteger amount,
                         EvmAddress signer) {

    public EscrowFill {
        txHash = TransactionHashes.require(txHash);
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(signer, "signer");
    }
}

package io.swapdesk.chains;

import io.swapdesk.platform.EvmAddress;

import java.math.BigInteger;
import java.util.Objects;

/**
 * What to sign: a contract call without value (EIP-1559, type 2).
 *
 * @param to       the contract called
 * @param data     the calldata, selector first
 * @param nonce    the sender's nonce this transaction takes
 * @param gasLimit the most gas it may use
 * @param fees     its fee caps
 */
public record TransactionRequest(EvmAddress to, byte[] data, BigInteger nonce, BigInteger gasLimit, Fees fees) {

    public TransactionRequest {
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(nonce, "nonce");
        Objects.requireNonNull(gasLimit, "gasLimit");
        Objects.requireNonNull(fees, "fees");
        data = Objects.requireNonNull(data, "data").clone();
        if (nonce.signum() < 0 || gasLimit.signum() <= 0) {
            throw new IllegalArgumentException("nonce must be >= 0 and gasLimit > 0");
        }
    }

    @Override
    public byte[] data() {
        return data.clone();
    }
}

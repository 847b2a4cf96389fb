package io.swapdesk.risk;

import io.swapdesk.platform.ChainId;
import io.swapdesk.platform.EvmAddress;

import java.math.BigInteger;
import java.util.Objects;

/**
 * Treasury liquidity a delivery needs.
 *
 * @param amount  base units of {@code token} the delivery pays out
 * @param balance the treasury's (the escrow's) balance of {@code token} on {@code chain}, read from the chain before
 *                the transaction: a transaction never waits on a chain
 */
public record Liquidity(ChainId chain, EvmAddress token, BigInteger amount, BigInteger balance) {

    public Liquidity {
        Objects.requireNonNull(chain, "chain");
        Objects.requireNonNull(token, "token");
        if (amount == null || amount.signum() <= 0) {
            throw new IllegalArgumentException("the liquidity needed must be positive");
        }
        if (balance == null || balance.signum() < 0) {
            throw new IllegalArgumentException("a balance is not negative");
        }
    }
}

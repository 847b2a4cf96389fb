package io.swapdesk.chains;

import java.math.BigInteger;
import java.util.Objects;

/**
 * The EIP-1559 fee caps of a transaction, in wei per gas.
 *
 * @param maxFeePerGas         the most the sender pays per gas, base fee included
 * @param maxPriorityFeePerGas the tip to the block producer, at most {@code maxFeePerGas}
 */
public record Fees(BigInteger maxFeePerGas, BigInteger maxPriorityFeePerGas) {

    public Fees {
        Objects.requireNonNull(maxFeePerGas, "maxFeePerGas");
        Objects.requireNonNull(maxPriorityFeePerGas, "maxPriorityFeePerGas");
        if (maxPriorityFeePerGas.signum() < 0 || maxFeePerGas.compareTo(maxPriorityFeePerGas) < 0) {
            throw new IllegalArgumentException("fees need 0 <= maxPriorityFeePerGas <= maxFeePerGas");
        }
    }

    /**
     * Fees that a node accepts as the replacement of a transaction with these fees (same sender and nonce): both
     * caps raised by at least {@code percent} (nodes ask for 10 %), rounded up.
     */
    public Fees bumpedBy(int percent) {
        if (percent < 10) {
            throw new IllegalArgumentException("nodes refuse replacements raised by less than 10 %");
        }
        return new Fees(raise(maxFeePerGas, percent), raise(maxPriorityFeePerGas, percent));
    }

    /** The higher of each cap: a replacement never offers less than its predecessor. */
    public Fees atLeast(Fees other) {
        return new Fees(maxFeePerGas.max(other.maxFeePerGas), maxPriorityFeePerGas.max(other.maxPriorityFeePerGas));
    }

    private static BigInteger raise(BigInteger value, int percent) {
        BigInteger hundred = BigInteger.valueOf(100);
        BigInteger[] quotient = value.multiply(BigInteger.valueOf(100L + percent)).divideAndRemainder(hundred);
        BigInteger raised = quotient[1].signum() == 0 ? quotient[0] : quotient[0].add(BigInteger.ONE);
        return raised.equals(value) ? value.add(BigInteger.ONE) : raised;
    }
}

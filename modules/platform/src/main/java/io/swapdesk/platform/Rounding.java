package io.swapdesk.platform;

import java.math.BigInteger;
import java.util.Objects;

/**
 * The one rounding rule of the platform: compute exactly in integers, round once, in the
 * platform's favour.
 *
 * <ul>
 *   <li>{@link #DOWN} for amounts the platform <em>pays out</em> (a user receives at most the exact
 *       value);</li>
 *   <li>{@link #UP} for amounts the platform <em>charges</em> (a fee or an input is at least the
 *       exact value).</li>
 * </ul>
 *
 * Rounding always the same way means the dust a division leaves stays with the desk instead of
 * leaking out one base unit at a time.
 */
public enum Rounding {
    /** Toward zero: for amounts the platform pays out. */
    DOWN,
    /** Away from zero: for amounts the platform charges. */
    UP;

    /**
     * {@code value * numerator / denominator}, with the product kept exact (no intermediate
     * overflow) and a single rounding at the end in this direction.
     *
     * @throws IllegalArgumentException if value or numerator is negative or denominator is not
     *                                  positive: the callers' quantities are never negative, so
     *                                  that is a bug
     */
    public BigInteger mulDiv(BigInteger value, BigInteger numerator, BigInteger denominator) {
        requireNonNegative(value, "value");
        requireNonNegative(numerator, "numerator");
        if (Objects.requireNonNull(denominator, "denominator").signum() <= 0) {
            throw new IllegalArgumentException("denominator must be positive; got " + denominator);
        }
        BigInteger[] quotientAndRemainder = value.multiply(numerator).divideAndRemainder(denominator);
        boolean inexact = quotientAndRemainder[1].signum() != 0;
        return this == UP && inexact ? quotientAndRemainder[0].add(BigInteger.ONE) : quotientAndRemainder[0];
    }

    private static void requireNonNegative(BigInteger number, String name) {
        if (Objects.requireNonNull(number, name).signum() < 0) {
            throw new IllegalArgumentException(name + " must not be negative; got " + number);
        }
    }
}

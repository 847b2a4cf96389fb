package io.swapdesk.quotes.internal;

import io.swapdesk.platform.Rounding;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.Objects;

/**
 * The arithmetic of a quote, written once. Amounts are integers in base units; a price is an exact decimal, used as
 * the fraction it is; each result is rounded exactly once, in the platform's favour ({@link Rounding}):
 *
 * <ul>
 *   <li>{@code gross = amountIn × price}, converted between the assets' decimals, rounded DOWN (paid out);</li>
 *   <li>{@code fee = gross × feeBps / 10 000}, rounded UP (charged);</li>
 *   <li>{@code amountOut = gross − fee};</li>
 *   <li>{@code minAmountOut = amountOut × (10 000 − slippageBps) / 10 000}, rounded DOWN;</li>
 *   <li>the quote's value in US cents, for risk limits and the minimum, rounded UP (charged against the limits).</li>
 * </ul>
 */
final class QuoteMath {

    static final BigInteger BPS = BigInteger.valueOf(10_000);

    private QuoteMath() {
    }

    /** What a quote pays out for {@code amountIn}. */
    record Conversion(BigInteger gross, BigInteger fee, BigInteger amountOut, BigInteger minAmountOut) {
    }

    /**
     * @param price    units of the destination's pricing symbol per unit of the source's ({@code inverse} false), or
     *                 the other way round ({@code inverse} true: the pair is configured as DEST-SOURCE)
     */
    static Conversion quote(BigInteger amountIn, int decimalsIn, int decimalsOut, BigDecimal price, boolean inverse,
                            int feeBps, int slippageBps) {
        BigInteger gross = convert(amountIn, decimalsIn, decimalsOut, price, inverse, Rounding.DOWN);
        BigInteger fee = Rounding.UP.mulDiv(gross, BigInteger.valueOf(feeBps), BPS);
        BigInteger out = gross.subtract(fee);
        BigInteger min = Rounding.DOWN.mulDiv(out, BPS.subtract(BigInteger.valueOf(slippageBps)), BPS);
        return new Conversion(gross, fee, out, min);
    }

    /** The value of {@code amountIn} in US cents at {@code usdPrice}, rounded UP. */
    static BigInteger usdCents(BigInteger amountIn, int decimalsIn, BigDecimal usdPrice, boolean inverse) {
        return convert(amountIn, decimalsIn, 2, usdPrice, inverse, Rounding.UP);
    }

    /**
     * {@code units × price} (or {@code ÷ price} when {@code inverse}) moved from {@code decimalsIn} to
     * {@code decimalsOut}, computed as one exact fraction and rounded once.
     */
    static BigInteger convert(BigInteger units, int decimalsIn, int decimalsOut, BigDecimal price, boolean inverse,
                              Rounding rounding) {
        Objects.requireNonNull(price, "price");
        if (price.signum() <= 0) {
            throw new IllegalArgumentException("a price must be positive; got " + price.toPlainString());
        }
        BigInteger unscaled = price.unscaledValue();
        int scale = price.scale();
        // price = unscaled × 10^-scale
        int exponent = inverse ? scale + decimalsOut - decimalsIn : decimalsOut - decimalsIn - scale;
        BigInteger numerator = inverse ? BigInteger.ONE : unscaled;
        BigInteger denominator = inverse ? unscaled : BigInteger.ONE;
        if (exponent >= 0) {
            numerator = numerator.multiply(BigInteger.TEN.pow(exponent));
        } else {
            denominator = denominator.multiply(BigInteger.TEN.pow(-exponent));
        }
        return rounding.mulDiv(units, numerator, denominator);
    }

    /**
     * The lifetime of a quote priced with {@code confidence} around {@code price}: {@code max} when the confidence is
     * zero, shrinking linearly with the relative confidence to {@code min} at {@code widest} and beyond; whole
     * seconds, rounded down (a shorter quote is the safer one).
     */
    static Duration ttl(BigDecimal price, BigDecimal confidence, Duration max, Duration min, BigDecimal widest) {
        BigDecimal relative = confidence.divide(price, 12, RoundingMode.UP);
        if (relative.compareTo(widest) >= 0) {
            return min;
        }
        BigDecimal span = BigDecimal.valueOf(max.toSeconds() - min.toSeconds());
        long cut = span.multiply(relative).divide(widest, 0, RoundingMode.UP).longValueExact();
        return Duration.ofSeconds(Math.max(min.toSeconds(), max.toSeconds() - cut));
    }

    /** The relative confidence shown in a quote's provenance: half-width ÷ price, 6 significant places. */
    static BigDecimal relativeConfidence(BigDecimal price, BigDecimal confidence) {
        return confidence.divide(price, 8, RoundingMode.UP).stripTrailingZeros();
    }
}

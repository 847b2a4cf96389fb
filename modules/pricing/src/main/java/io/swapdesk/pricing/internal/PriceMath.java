package io.swapdesk.pricing.internal;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.List;

/**
 * The one arithmetic rule for prices: exact decimals ({@link BigDecimal}), never {@code double};
 * every division and every derived value is rounded to {@link #CONTEXT} — 20 significant digits,
 * half-even — and nothing else rounds. Twenty digits keep a cross rate of two 18-decimal feeds exact
 * to far below any amount's base unit, and a result is the same on every server.
 */
final class PriceMath {

    static final MathContext CONTEXT = new MathContext(20, RoundingMode.HALF_EVEN);
    private static final BigDecimal TWO = BigDecimal.valueOf(2);

    private PriceMath() {
    }

    /** The median; of an even count, the mean of the two middle values. */
    static BigDecimal median(List<BigDecimal> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("the median of no values is undefined");
        }
        List<BigDecimal> sorted = values.stream().sorted().toList();
        int middle = sorted.size() / 2;
        if (sorted.size() % 2 == 1) {
            return sorted.get(middle);
        }
        return sorted.get(middle - 1).add(sorted.get(middle)).divide(TWO, CONTEXT);
    }

    /** |value − reference| / reference; the reference is positive. */
    static BigDecimal relativeDistance(BigDecimal value, BigDecimal reference) {
        return value.subtract(reference).abs().divide(reference, CONTEXT);
    }

    static BigDecimal divide(BigDecimal dividend, BigDecimal divisor) {
        return dividend.divide(divisor, CONTEXT);
    }

    static BigDecimal multiply(BigDecimal a, BigDecimal b) {
        return a.multiply(b, CONTEXT);
    }

    /** Drops trailing zeros (3000.00000000 → 3000) so equal prices print alike; keeps the value exact. */
    static BigDecimal normalize(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }
}

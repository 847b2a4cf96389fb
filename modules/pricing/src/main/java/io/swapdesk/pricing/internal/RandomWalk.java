package io.swapdesk.pricing.internal;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.Random;

/**
 * A seeded multiplicative random walk with exact steps: each step multiplies the price by
 * {@code 1 + u × volatility} with {@code u} uniform in [-1, 1] in steps of 10^-6. Integers from the
 * generator, decimals for the price: no floating point touches it. The same seed gives the same path.
 */
final class RandomWalk {

    private static final long RESOLUTION = 1_000_000;

    private final Random random;
    private final BigDecimal volatility;
    private BigDecimal price;

    RandomWalk(long seed, BigDecimal start, BigDecimal volatility) {
        this.random = new Random(seed);
        this.price = Objects.requireNonNull(start, "start");
        this.volatility = Objects.requireNonNull(volatility, "volatility");
        if (start.signum() <= 0 || volatility.signum() <= 0 || volatility.compareTo(BigDecimal.ONE) >= 0) {
            throw new IllegalArgumentException("a walk needs a positive start and a volatility in (0, 1)");
        }
    }

    /** Takes one step and returns the new price. */
    synchronized BigDecimal next() {
        price = PriceMath.multiply(price, BigDecimal.ONE.add(volatility.multiply(uniform())));
        return price;
    }

    /** A value in [-1, 1] with six decimals: a relative offset for one feed around the walk. */
    synchronized BigDecimal uniform() {
        return BigDecimal.valueOf(random.nextLong(2 * RESOLUTION + 1) - RESOLUTION, 6);
    }
}

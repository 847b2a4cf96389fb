package io.swapdesk.pricing.internal;

import io.swapdesk.pricing.Pair;

import java.util.List;

/**
 * How a cross pair is derived from two direct pairs through a shared symbol: for {@code USDC-ETH}
 * over USD, {@code USDC-USD} ÷ {@code ETH-USD}. Each leg is used as configured or inverted.
 *
 * @param first         the leg from the cross pair's base to the shared symbol
 * @param firstInverted whether that leg is configured the other way round (shared-BASE)
 * @param second        the leg from the shared symbol to the cross pair's quote
 * @param secondInverted whether that leg is configured the other way round (QUOTE-shared)
 */
record CrossRoute(Pair pair, Pair first, boolean firstInverted, Pair second, boolean secondInverted) {

    /**
     * Finds the first route through two of {@code direct}.
     *
     * @throws IllegalArgumentException when no two direct pairs share a symbol linking base and quote
     */
    static CrossRoute of(Pair cross, List<Pair> direct) {
        if (direct.contains(cross) || direct.contains(cross.inverse())) {
            throw new IllegalArgumentException(PricingSettings.CROSS_PAIRS + ": " + cross
                    + " is a direct pair (or its inverse is); list it in one place only");
        }
        for (Pair first : direct) {
            String shared = otherSide(first, cross.base());
            if (shared == null || shared.equals(cross.quote())) {
                continue;
            }
            for (Pair second : direct) {
                if (second.equals(first) || otherSide(second, shared) == null
                        || !cross.quote().equals(otherSide(second, shared))) {
                    continue;
                }
                return new CrossRoute(cross, first, !first.base().equals(cross.base()), second,
                        !second.base().equals(shared));
            }
        }
        throw new IllegalArgumentException(PricingSettings.CROSS_PAIRS + ": " + cross + " cannot be derived: no two of "
                + PricingSettings.PAIRS + " " + direct + " link " + cross.base() + " and " + cross.quote()
                + " through a shared symbol");
    }

    List<Pair> legs() {
        return List.of(first, second);
    }

    /** The symbol across from {@code symbol} in {@code pair}, or null when the pair does not hold it. */
    private static String otherSide(Pair pair, String symbol) {
        if (pair.base().equals(symbol)) {
            return pair.quote();
        }
        if (pair.quote().equals(symbol)) {
            return pair.base();
        }
        return null;
    }
}

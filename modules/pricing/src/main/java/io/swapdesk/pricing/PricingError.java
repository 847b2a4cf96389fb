package io.swapdesk.pricing;

import io.swapdesk.platform.ErrorCode;

/**
 * The expected failures of the pricing module. Stable API: add constants, never rename or remove
 * one (see {@link ErrorCode}).
 */
public enum PricingError implements ErrorCode {
    /** The pair is not among {@code pricing.pairs} or {@code pricing.cross-pairs}. */
    UNKNOWN_PAIR(404, "Unknown pair"),
    /**
     * Too few sources have a fresh price that agrees with the others (or a leg of a cross pair is
     * unavailable): no trustworthy price now. Usually temporary; the detail says which sources failed and why.
     */
    PRICE_UNAVAILABLE(503, "Price unavailable");

    private final int status;
    private final String title;

    PricingError(int status, String title) {
        this.status = status;
        this.title = title;
    }

    @Override
    public String code() {
        return name();
    }

    @Override
    public int status() {
        return status;
    }

    @Override
    public String title() {
        return title;
    }
}

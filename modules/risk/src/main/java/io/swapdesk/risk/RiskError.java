package io.swapdesk.risk;

import io.swapdesk.platform.ErrorCode;

/**
 * The expected refusals of the risk module: reasons a paid quote can be refused at commit (DESIGN §9), and a quote at
 * creation when it is larger than one quote may be. Stable API: add constants, never rename or remove one.
 */
public enum RiskError implements ErrorCode {
    /** A limit (per quote, per chain per UTC day, per user per UTC day) would be exceeded. */
    LIMIT_EXCEEDED(422, "Limit exceeded"),
    /** The destination chain's treasury has too little unreserved liquidity for the delivery. */
    TREASURY_LOW(503, "Treasury low");

    private final int status;
    private final String title;

    RiskError(int status, String title) {
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

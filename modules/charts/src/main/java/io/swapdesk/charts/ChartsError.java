package io.swapdesk.charts;

import io.swapdesk.platform.ErrorCode;

/**
 * The expected failures of the charts module: all of them bad input to the bars query. Stable API: add constants,
 * never rename or remove one (see {@link ErrorCode}).
 */
public enum ChartsError implements ErrorCode {
    /** The pair in the path is not {@code BASE-QUOTE} with upper-case symbols, e.g. {@code ETH-USD}. */
    INVALID_PAIR(400, "Invalid pair"),
    /** {@code interval} is not one of 1m, 5m, 15m, 1h, 4h, 1d. */
    INVALID_INTERVAL(400, "Invalid interval"),
    /** {@code from} or {@code to} is neither ISO-8601 with an offset nor epoch milliseconds, or out of range. */
    INVALID_TIME(400, "Invalid time"),
    /** {@code from} is after {@code to}. */
    INVALID_TIME_RANGE(400, "Invalid time range"),
    /** {@code limit} is not a whole number from 1 to 1000. */
    INVALID_LIMIT(400, "Invalid limit");

    private final int status;
    private final String title;

    ChartsError(int status, String title) {
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

package io.swapdesk.charts;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The bar widths SwapDesk serves. Every bar starts at a whole multiple of its width counted from the Unix epoch,
 * which is UTC midnight: a day bar starts at 00:00 UTC, a 4-hour bar at 00:00, 04:00, … 20:00 UTC, an hour bar on
 * the hour, and so on.
 */
public enum Interval {
    M1("1m", 60),
    M5("5m", 5 * 60),
    M15("15m", 15 * 60),
    H1("1h", 60 * 60),
    H4("4h", 4 * 60 * 60),
    D1("1d", 24 * 60 * 60);

    private static final String CODES = Arrays.stream(values()).map(Interval::code).collect(Collectors.joining(", "));

    private final String code;
    private final long seconds;

    Interval(String code, long seconds) {
        this.code = code;
        this.seconds = seconds;
    }

    /** The form used in the API and the database: {@code 1m, 5m, 15m, 1h, 4h, 1d}. */
    public String code() {
        return code;
    }

    public Duration duration() {
        return Duration.ofSeconds(seconds);
    }

    /** The start of the bar that {@code time} falls in: the bar covers [start, start + width). */
    public Instant startOf(Instant time) {
        return Instant.ofEpochSecond(Math.floorDiv(time.getEpochSecond(), seconds) * seconds);
    }

    /**
     * @throws IllegalArgumentException naming the accepted codes
     */
    public static Interval parse(String code) {
        Objects.requireNonNull(code, "interval");
        for (Interval interval : values()) {
            if (interval.code.equals(code)) {
                return interval;
            }
        }
        throw new IllegalArgumentException("interval must be one of " + CODES + "; got "
                + (code.length() > 12 ? code.substring(0, 12) + "…" : code));
    }

    @Override
    public String toString() {
        return code;
    }
}

package io.swapdesk.charts.internal;

import io.swapdesk.charts.Charts;
import io.swapdesk.charts.ChartsError;
import io.swapdesk.charts.Interval;
import io.swapdesk.platform.DomainException;
import io.swapdesk.platform.ErrorCode;
import io.swapdesk.pricing.Pair;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The query of {@code GET /api/charts/{pair}/bars}, validated: every refusal is a {@link DomainException} with a
 * {@link ChartsError} code, a detail that says what to send instead, and the offending parameter as {@code field}.
 * An empty parameter counts as absent.
 */
record BarsRequest(Pair pair, Interval interval, Optional<Instant> from, Instant to, int limit) {

    static final Interval DEFAULT_INTERVAL = Interval.M1;
    static final int DEFAULT_LIMIT = 500;

    /** The latest time a query may name: the end of year 9999. */
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999Z");
    private static final Pattern EPOCH_MILLIS = Pattern.compile("-?[0-9]{1,19}");
    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,9}");
    private static final String TIME_FORMS =
            "an ISO-8601 time with an offset (e.g. 2026-11-20T10:15:00Z) or epoch milliseconds (e.g. 1795169700000)";

    static BarsRequest parse(String pair, String interval, String from, String to, String limit, Instant now) {
        Pair parsedPair = parsePair(pair);
        Interval parsedInterval = absent(interval) ? DEFAULT_INTERVAL : parseInterval(interval);
        Optional<Instant> parsedFrom = absent(from) ? Optional.empty() : Optional.of(parseTime("from", from));
        Instant parsedTo = absent(to) ? now : parseTime("to", to);
        if (parsedFrom.isPresent() && parsedFrom.get().isAfter(parsedTo)) {
            throw refused(ChartsError.INVALID_TIME_RANGE, absent(to) ? "from" : "to",
                    "from (" + parsedFrom.get() + ") is after to (" + parsedTo + (absent(to) ? ", now" : "")
                            + "): send from at or before to.");
        }
        int parsedLimit = absent(limit) ? DEFAULT_LIMIT : parseLimit(limit);
        return new BarsRequest(parsedPair, parsedInterval, parsedFrom, parsedTo, parsedLimit);
    }

    private static Pair parsePair(String text) {
        try {
            return Pair.parse(text);
        } catch (IllegalArgumentException e) {
            throw refused(ChartsError.INVALID_PAIR, "pair", e.getMessage() + ".");
        }
    }

    private static Interval parseInterval(String text) {
        try {
            return Interval.parse(text);
        } catch (IllegalArgumentException e) {
            throw refused(ChartsError.INVALID_INTERVAL, "interval", e.getMessage() + ".");
        }
    }

    private static Instant parseTime(String name, String text) {
        Instant time;
        if (EPOCH_MILLIS.matcher(text).matches()) {
            try {
                time = Instant.ofEpochMilli(Long.parseLong(text));
            } catch (NumberFormatException e) {
                throw refused(ChartsError.INVALID_TIME, name, name + " must be " + TIME_FORMS + "; got "
                        + clip(text) + ", out of range.");
            }
        } else {
            try {
                time = OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException e) {
                String hint = text.indexOf(' ') >= 0 ? " A '+' in an offset must be sent as %2B in a URL." : "";
                throw refused(ChartsError.INVALID_TIME, name,
                        name + " must be " + TIME_FORMS + "; got " + clip(text) + "." + hint);
            }
        }
        if (time.isBefore(Instant.EPOCH) || time.isAfter(LATEST)) {
            throw refused(ChartsError.INVALID_TIME, name,
                    name + " must lie between 1970-01-01T00:00:00Z and 9999-12-31T23:59:59.999Z; got " + clip(text) + ".");
        }
        return time;
    }

    private static int parseLimit(String text) {
        int limit = DIGITS.matcher(text).matches() ? Integer.parseInt(text) : -1;
        if (limit < 1 || limit > Charts.MAX_LIMIT) {
            throw refused(ChartsError.INVALID_LIMIT, "limit",
                    "limit must be a whole number from 1 to " + Charts.MAX_LIMIT + "; got " + clip(text) + ".");
        }
        return limit;
    }

    private static boolean absent(String value) {
        return value == null || value.isEmpty();
    }

    private static DomainException refused(ErrorCode code, String field, String detail) {
        return new DomainException(code, detail, Map.of("field", field));
    }

    /** Input is echoed in a short prefix only. */
    private static String clip(String text) {
        return "\"" + (text.length() > 32 ? text.substring(0, 32) + "…" : text) + "\"";
    }
}

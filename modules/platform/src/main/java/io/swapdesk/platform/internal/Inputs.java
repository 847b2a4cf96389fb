package io.swapdesk.platform.internal;

/**
 * Character checks and safe echoing for the parsers of the value types.
 *
 * <p>Digit and hex checks compare against explicit ASCII ranges: {@link Character#isDigit} also
 * accepts Arabic-Indic, fullwidth and other Unicode digits, which the wire format does not allow.
 */
public final class Inputs {

    /** How much of a rejected input an error detail repeats back. */
    public static final int ECHO_LIMIT = 32;

    private Inputs() {
    }

    /**
     * Quotes an input for an error detail: at most {@link #ECHO_LIMIT} characters, then
     * {@code ...}; control and non-ASCII characters escaped as {@code \}{@code uXXXX}. Hostile
     * input can neither flood a response or log with megabytes nor forge a log line with a
     * newline, and a person sees why an invisible or look-alike character was refused.
     */
    public static String quote(String input) {
        return quote(input, ECHO_LIMIT);
    }

    /** Like {@link #quote(String)} with a caller-chosen limit, for inputs already length-checked. */
    public static String quote(String input, int limit) {
        boolean truncated = input.length() > limit;
        int shown = truncated ? limit : input.length();
        StringBuilder quoted = new StringBuilder(shown + 8).append('"');
        for (int i = 0; i < shown; i++) {
            appendEscaped(quoted, input.charAt(i));
        }
        quoted.append('"');
        return truncated ? quoted.append("...").toString() : quoted.toString();
    }

    private static void appendEscaped(StringBuilder out, char c) {
        if (c == '"' || c == '\\') {
            out.append('\\').append(c);
        } else if (c >= 0x20 && c < 0x7f) {
            out.append(c);
        } else {
            out.append(String.format("\\u%04x", (int) c));
        }
    }

    public static boolean isAsciiDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** True if every character of {@code text} in {@code [from, to)} is an ASCII digit. */
    public static boolean isAsciiDigits(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!isAsciiDigit(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /**
     * True if {@code text} is a canonical unsigned decimal: {@code 0|[1-9][0-9]*}, checked without
     * a regex so the cost is one pass over input the caller has already length-capped.
     */
    public static boolean isCanonicalDigits(String text, int from, int to) {
        if (from >= to || !isAsciiDigits(text, from, to)) {
            return false;
        }
        return text.charAt(from) != '0' || to - from == 1;
    }

    /** The value of an ASCII hex digit, or -1 if {@code c} is not one. */
    public static int hexValue(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }
}

package io.swapdesk.pricing;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A price pair such as {@code ETH-USD}: how many units of {@code quote} one unit of {@code base}
 * is worth. Symbols are 2 to 10 upper-case letters or digits; the text form is {@code BASE-QUOTE}.
 */
public record Pair(String base, String quote) {

    private static final Pattern SYMBOL = Pattern.compile("[A-Z0-9]{2,10}");

    public Pair {
        requireSymbol(base, "base");
        requireSymbol(quote, "quote");
        if (base.equals(quote)) {
            throw new IllegalArgumentException("a pair needs two different symbols; got " + base + "-" + quote);
        }
    }

    /**
     * Parses {@code BASE-QUOTE}, e.g. {@code ETH-USD}.
     *
     * @throws IllegalArgumentException with a message a person can act on
     */
    public static Pair parse(String text) {
        Objects.requireNonNull(text, "pair");
        if (text.length() > 21) {
            throw new IllegalArgumentException("a pair is BASE-QUOTE with symbols of 2 to 10 characters; got "
                    + text.length() + " characters");
        }
        int dash = text.indexOf('-');
        if (dash < 0 || dash != text.lastIndexOf('-')) {
            throw new IllegalArgumentException("a pair is BASE-QUOTE, e.g. ETH-USD; got " + text);
        }
        return new Pair(text.substring(0, dash), text.substring(dash + 1));
    }

    /** The same pair seen from the other side: {@code USD-ETH} for {@code ETH-USD}. */
    public Pair inverse() {
        return new Pair(quote, base);
    }

    @Override
    public String toString() {
        return base + "-" + quote;
    }

    private static void requireSymbol(String symbol, String role) {
        Objects.requireNonNull(symbol, role);
        if (!SYMBOL.matcher(symbol).matches()) {
            throw new IllegalArgumentException("the " + role + " symbol must be 2 to 10 upper-case letters or digits, "
                    + "e.g. ETH-USD; got " + (symbol.length() > 12 ? symbol.substring(0, 12) + "…" : symbol));
        }
    }
}

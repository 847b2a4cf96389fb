package io.swapdesk.platform;

import io.swapdesk.platform.internal.Inputs;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Objects;

/**
 * A quantity of some asset in integer base units (wei, the 10^-6 of USDC, ...) plus the asset's
 * decimals, so it can be shown to people as "1.5".
 *
 * <p>Invariants: {@code 0 <= units <= 2^256-1} (a uint256, the most an EVM token balance can hold)
 * and {@code 0 <= decimals <= 77} (10^77 is the largest power of ten below 2^256, so one whole
 * token still fits). Money never passes through floating point; the only rounding is
 * {@link #mulDiv} / {@link #rescale}, in the direction the caller names (see {@link Rounding}).
 *
 * <p>Parsing is strict and checks length before anything else, so a hostile 10 MB string costs a
 * length comparison. Bad input raises a {@link DomainException} with
 * {@link PlatformError#INVALID_AMOUNT}; mixing decimals in arithmetic is a bug and raises
 * {@link IllegalArgumentException}.
 */
public record Amount(BigInteger units, int decimals) implements Comparable<Amount> {

    public static final int MAX_DECIMALS = 77;
    /** Digits in 2^256-1; the longest base-unit string that can be valid. */
    public static final int MAX_UNITS_DIGITS = 78;
    public static final BigInteger MAX_UNITS = BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE);

    private static final String UNITS_FORMAT =
            "amount must be a whole number of base units, digits only, at most " + MAX_UNITS_DIGITS + " digits";
    private static final String DECIMAL_FORMAT = "amount must be a plain decimal number such as \"1.5\" or "
            + "\"0.000001\": digits, optionally one '.' followed by digits, no sign, exponent, spaces or separators";

    public Amount {
        requireValidDecimals(decimals);
        if (units == null) {
            throw invalid("amount is required");
        }
        if (units.signum() < 0) {
            throw invalid("amount must not be negative; got a negative number of base units");
        }
        if (units.compareTo(MAX_UNITS) > 0) {
            // Describe by size, not value: echoing a huge BigInteger would be long and slow.
            throw invalid("amount must be at most 2^256-1 base units (the largest uint256); got a "
                    + units.bitLength() + "-bit number");
        }
    }

    public static Amount ofUnits(BigInteger units, int decimals) {
        return new Amount(units, decimals);
    }

    public static Amount zero(int decimals) {
        return new Amount(BigInteger.ZERO, decimals);
    }

    /**
     * Reads base units in the API's wire form: a decimal-digit string, {@code 0|[1-9][0-9]*}, at
     * most 78 digits, e.g. {@code "1500000"} for 1.5 USDC.
     */
    public static Amount parseUnits(String baseUnits, int decimals) {
        requireValidDecimals(decimals);
        String text = requirePresent(baseUnits, UNITS_FORMAT);
        if (text.length() > MAX_UNITS_DIGITS || !Inputs.isAsciiDigits(text, 0, text.length())) {
            throw invalid(UNITS_FORMAT + "; got " + describe(text));
        }
        if (!Inputs.isCanonicalDigits(text, 0, text.length())) {
            throw invalid("amount must not have leading zeros; got " + Inputs.quote(text));
        }
        return withinUint256(new BigInteger(text), decimals, text);
    }

    /**
     * Reads a human decimal such as {@code "1.5"}: {@code (0|[1-9][0-9]*)(\.[0-9]+)?} with at most
     * {@code decimals} fractional digits. More fractional digits are refused, never rounded: the
     * person must decide what they meant.
     */
    public static Amount parseDecimal(String human, int decimals) {
        requireValidDecimals(decimals);
        String text = requirePresent(human, DECIMAL_FORMAT);
        if (text.length() > MAX_UNITS_DIGITS + 1 + decimals) {
            throw invalid("amount is too long: at most " + MAX_UNITS_DIGITS + " digits before the decimal point and "
                    + decimals + " after; got " + describe(text));
        }
        int point = text.indexOf('.');
        int wholeEnd = point < 0 ? text.length() : point;
        requireDecimalGrammar(text, wholeEnd);
        int fractionDigits = point < 0 ? 0 : text.length() - point - 1;
        if (fractionDigits > decimals) {
            throw invalid("amount has " + fractionDigits + " digits after the decimal point but this asset has "
                    + decimals + " decimals, so at most " + decimals + " are allowed (amounts are never rounded); got "
                    + Inputs.quote(text));
        }
        String whole = text.substring(0, wholeEnd);
        String fraction = point < 0 ? "" : text.substring(point + 1);
        String digits = whole + fraction + "0".repeat(decimals - fractionDigits);
        return withinUint256(new BigInteger(digits), decimals, text);
    }

    /** Base units as a plain digit string, the API's wire form. */
    public String toUnitsString() {
        return units.toString();
    }

    /** For people: "1.5", "0.000001", "100" — plain, no exponent, no trailing zeros. */
    public String toDecimalString() {
        return new BigDecimal(units, decimals).stripTrailingZeros().toPlainString();
    }

    public boolean isZero() {
        return units.signum() == 0;
    }

    public Amount plus(Amount other) {
        requireSameDecimals(other);
        return new Amount(units.add(other.units), decimals);
    }

    /**
     * @throws IllegalArgumentException if {@code other} is larger: amounts are never negative, so
     *                                  callers check {@link #isAtLeast} first and report their own
     *                                  named failure (e.g. an insufficient balance)
     */
    public Amount minus(Amount other) {
        requireSameDecimals(other);
        if (units.compareTo(other.units) < 0) {
            throw new IllegalArgumentException("cannot subtract " + other.units + " from " + units
                    + " base units: amounts are never negative; check isAtLeast first");
        }
        return new Amount(units.subtract(other.units), decimals);
    }

    public boolean isAtLeast(Amount other) {
        return compareTo(other) >= 0;
    }

    /** Orders by units; only amounts with equal decimals are comparable. */
    @Override
    public int compareTo(Amount other) {
        requireSameDecimals(other);
        return units.compareTo(other.units);
    }

    /**
     * {@code units * numerator / denominator}, exact in integers, rounded once as asked. Amounts
     * the platform pays out round {@link Rounding#DOWN}; amounts it charges round
     * {@link Rounding#UP}, so every rounding is in the platform's favour.
     *
     * @throws IllegalArgumentException for a negative numerator or a non-positive denominator
     * @throws DomainException          with {@code INVALID_AMOUNT} if the result exceeds uint256
     */
    public Amount mulDiv(BigInteger numerator, BigInteger denominator, Rounding rounding) {
        Objects.requireNonNull(rounding, "rounding");
        return new Amount(rounding.mulDiv(units, numerator, denominator), decimals);
    }

    /**
     * The same quantity with other decimals: exact when adding decimals, rounded as asked when
     * removing them (pay-outs {@link Rounding#DOWN}, charges {@link Rounding#UP}).
     */
    public Amount rescale(int newDecimals, Rounding rounding) {
        requireValidDecimals(newDecimals);
        Objects.requireNonNull(rounding, "rounding");
        int shift = newDecimals - decimals;
        BigInteger scaled = shift >= 0
                ? units.multiply(BigInteger.TEN.pow(shift))
                : rounding.mulDiv(units, BigInteger.ONE, BigInteger.TEN.pow(-shift));
        return new Amount(scaled, newDecimals);
    }

    private static void requireDecimalGrammar(String text, int wholeEnd) {
        boolean hasPoint = wholeEnd < text.length();
        boolean wholeOk = wholeEnd > 0 && Inputs.isAsciiDigits(text, 0, wholeEnd);
        boolean fractionOk = !hasPoint
                || (wholeEnd + 1 < text.length() && Inputs.isAsciiDigits(text, wholeEnd + 1, text.length()));
        if (!wholeOk || !fractionOk) {
            throw invalid(DECIMAL_FORMAT + "; got " + Inputs.quote(text));
        }
        if (!Inputs.isCanonicalDigits(text, 0, wholeEnd)) {
            throw invalid("amount must not have leading zeros before the decimal point; got " + Inputs.quote(text));
        }
    }

    private static Amount withinUint256(BigInteger units, int decimals, String input) {
        if (units.compareTo(MAX_UNITS) > 0) {
            throw invalid("amount must be at most 2^256-1 base units (the largest uint256); got " + Inputs.quote(input));
        }
        return new Amount(units, decimals);
    }

    private static String requirePresent(String text, String format) {
        if (text == null) {
            throw invalid("amount is required: " + format);
        }
        if (text.isEmpty()) {
            throw invalid("amount must not be empty: " + format);
        }
        return text;
    }

    private static void requireValidDecimals(int decimals) {
        if (decimals < 0 || decimals > MAX_DECIMALS) {
            throw invalid("decimals must be between 0 and " + MAX_DECIMALS + "; got " + decimals);
        }
    }

    private void requireSameDecimals(Amount other) {
        if (Objects.requireNonNull(other, "other amount").decimals != decimals) {
            throw new IllegalArgumentException("cannot combine amounts with " + decimals + " and " + other.decimals
                    + " decimals; rescale one first");
        }
    }

    /** The quoted head of the input, plus its length when that is what made it invalid. */
    private static String describe(String text) {
        String quoted = Inputs.quote(text);
        return text.length() > Inputs.ECHO_LIMIT ? quoted + " (" + text.length() + " characters)" : quoted;
    }

    private static DomainException invalid(String detail) {
        return new DomainException(PlatformError.INVALID_AMOUNT, detail);
    }
}

package io.swapdesk.platform;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigInteger;
import java.util.Random;

import static io.swapdesk.platform.HostileInput.rejects;
import static io.swapdesk.platform.HostileInput.rejectsQuicklyWithoutEcho;
import static io.swapdesk.platform.HostileInput.tenMegabytesOf;
import static io.swapdesk.platform.PlatformError.INVALID_AMOUNT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class AmountTest {

    private static final BigInteger UINT256_MAX = BigInteger.TWO.pow(256).subtract(BigInteger.ONE);
    private static final String UINT256_MAX_DIGITS =
            "115792089237316195423570985008687907853269984665640564039457584007913129639935";

    private static Amount units(long units, int decimals) {
        return Amount.ofUnits(BigInteger.valueOf(units), decimals);
    }

    // ---- construction ------------------------------------------------------------------------

    @Test
    void maxUnitsIsUint256Max() {
        assertThat(Amount.MAX_UNITS).isEqualTo(UINT256_MAX);
        assertThat(UINT256_MAX_DIGITS).hasSize(Amount.MAX_UNITS_DIGITS);
    }

    @Test
    void ofUnitsAcceptsZeroAndUint256Max() {
        assertThat(Amount.ofUnits(BigInteger.ZERO, 18).isZero()).isTrue();
        assertThat(Amount.ofUnits(UINT256_MAX, 18).units()).isEqualTo(UINT256_MAX);
    }

    @Test
    void ofUnitsRejectsUint256MaxPlusOne() {
        DomainException failure = rejects(INVALID_AMOUNT, () -> Amount.ofUnits(UINT256_MAX.add(BigInteger.ONE), 18));
        assertThat(failure.detail()).contains("2^256-1").contains("257-bit");
    }

    @Test
    void ofUnitsRejectsNegativeUnits() {
        assertThat(rejects(INVALID_AMOUNT, () -> Amount.ofUnits(BigInteger.valueOf(-1), 6)).detail())
                .contains("negative");
    }

    @Test
    void ofUnitsRejectsNullUnits() {
        rejects(INVALID_AMOUNT, () -> Amount.ofUnits(null, 6));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 6, 18, 77})
    void decimalsFromZeroTo77AreAccepted(int decimals) {
        assertThat(Amount.zero(decimals).decimals()).isEqualTo(decimals);
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 78, Integer.MIN_VALUE, Integer.MAX_VALUE})
    void decimalsOutside0To77AreRejected(int decimals) {
        assertThat(rejects(INVALID_AMOUNT, () -> Amount.zero(decimals)).detail()).contains("between 0 and 77");
        rejects(INVALID_AMOUNT, () -> Amount.parseUnits("1", decimals));
        rejects(INVALID_AMOUNT, () -> Amount.parseDecimal("1", decimals));
    }

    @Test
    void zeroIsZero() {
        assertThat(Amount.zero(6)).isEqualTo(units(0, 6));
        assertThat(Amount.zero(6).isZero()).isTrue();
        assertThat(units(1, 6).isZero()).isFalse();
    }

    @Test
    void equalityNeedsSameUnitsAndDecimals() {
        assertThat(units(5, 6)).isEqualTo(units(5, 6)).hasSameHashCodeAs(units(5, 6));
        assertThat(units(5, 6)).isNotEqualTo(units(5, 7));
    }

    // ---- parseUnits --------------------------------------------------------------------------

    @ParameterizedTest
    @CsvSource({"0, 0", "1, 1", "1500000, 1500000", "123456789012345678901234567890, 123456789012345678901234567890"})
    void parseUnitsReadsDigitStrings(String text, BigInteger expected) {
        assertThat(Amount.parseUnits(text, 6)).isEqualTo(Amount.ofUnits(expected, 6));
    }

    @Test
    void parseUnitsAcceptsUint256Max() {
        assertThat(Amount.parseUnits(UINT256_MAX_DIGITS, 18).units()).isEqualTo(UINT256_MAX);
    }

    @Test
    void parseUnitsRejectsUint256MaxPlusOne() {
        String maxPlusOne = UINT256_MAX.add(BigInteger.ONE).toString();
        assertThat(maxPlusOne).hasSize(78);
        assertThat(rejects(INVALID_AMOUNT, () -> Amount.parseUnits(maxPlusOne, 18)).detail())
                .contains("2^256-1");
    }

    @Test
    void parseUnitsRejects79Digits() {
        String tooLong = "1" + "0".repeat(78);
        assertThat(rejects(INVALID_AMOUNT, () -> Amount.parseUnits(tooLong, 18)).detail())
                .contains("at most 78 digits").contains("(79 characters)");
    }

    @Test
    void parseUnitsRejectsNullSayingItIsRequired() {
        assertThat(rejects(INVALID_AMOUNT, () -> Amount.parseUnits(null, 6)).detail())
                .startsWith("amount is required");
    }

    @Test
    void parseUnitsRejectsEmptySayingWhatToSend() {
        assertThat(rejects(INVALID_AMOUNT, () -> Amount.parseUnits("", 6)).detail())
                .startsWith("amount must not be empty").contains("digits only");
    }

    @ParameterizedTest
    @ValueSource(strings = {"007", "00", "01"})
    void parseUnitsRejectsLeadingZeros(String text) {
        assertThat(rejects(INVALID_AMOUNT, () -> Amount.parseUnits(text, 6)).detail())
                .contains("leading zeros").contains('"' + text + '"');
    }

    @ParameterizedTest
    @ValueSource(strings = {
            " ", "   ", " 1", "1 ", "\t1", "1\n", "1 000",
            "-1", "+1", "-0", "+0",
            "1e309", "1E3", "1e-3",
            "0x10", "ff", "0b1",
            "NaN", "Infinity", "-Infinity",
            "1.5", "1.", ".5", "1,000", "1_000",
            "\u0661\u0662\u0663",        // Arabic-Indic 123
            "\u06f1",                    // Extended Arabic-Indic 1
            "\uff11\uff12",              // fullwidth 12
            "\u0967",                    // Devanagari 1
            "1\u0000", "\u200b1"         // NUL, zero-width space
    })
    void parseUnitsRejectsAnythingButAsciiDigits(String text) {
        assertThat(rejects(INVALID_AMOUNT, () -> Amount.parseUnits(text, 6)).detail())
                .startsWith("amount must be a whole number of base units, digits only, at most 78 digits; got ");
    }

    @Test
    void parseUnitsDetailQuotesTheInputLikeTheStyleGuideExample() {
        assertThat(rejects(INVALID_AMOUNT, () -> Amount.parseUnits("-0", 6)).detail())
                .isEqualTo("amount must be a whole number of base units, digits only, at most 78 digits; got \"-0\"");
    }

    @Test
    void parseUnitsEscapesNonAsciiInTheDetailSoLookAlikesAreVisible() {
        assertThat(rejects(INVALID_AMOUNT, () -> Amount.parseUnits("\u0661\n", 6)).detail())
                .endsWith("got \"\\u0661\\u000a\"");
    }

    @Test
    void parseUnitsEchoesAtMost32CharactersOfInput() {
        String longGarbage = "x".repeat(60);
        String detail = rejects(INVALID_AMOUNT, () -> Amount.parseUnits(longGarbage, 6)).detail();
        assertThat(detail).contains('"' + "x".repeat(32) + "\"...").doesNotContain("x".repeat(33))
                .contains("(60 characters)");
    }

    @Test
    void parseUnitsRejectsTenMegabyteDigitStringQuickly() {
        String huge = tenMegabytesOf('1');
        rejectsQuicklyWithoutEcho(INVALID_AMOUNT, () -> Amount.parseUnits(huge, 18));
    }

    @Test
    void parseUnitsRejectsTenMegabyteGarbageQuickly() {
        String huge = tenMegabytesOf('x');
        rejectsQuicklyWithoutEcho(INVALID_AMOUNT, () -> Amount.parseUnits(huge, 18));
    }

    // ---- parseDecimal ------------------------------------------------------------------------

    @ParameterizedTest
    @CsvSource({
            "1.5, 6, 1500000",
            "0.000001, 6, 1",
            "100, 6, 100000000",
            "1.000000, 6, 1000000",
            "0, 6, 0",
            "0.0, 6, 0",
            "0, 0, 0",
            "123, 0, 123",
            "10.25, 2, 1025",
            "0.1, 18, 100000000000000000"
    })
    void parseDecimalScalesToBaseUnits(String human, int decimals, BigInteger expectedUnits) {
        assertThat(Amount.parseDecimal(human, decimals)).isEqualTo(Amount.ofUnits(expectedUnits, decimals));
    }

    @Test
    void parseDecimalRejectsMoreFractionDigitsThanDecimals() {
        String detail = rejects(INVALID_AMOUNT, () -> Amount.parseDecimal("1.0000001", 6)).detail();
        assertThat(detail).contains("7 digits after the decimal point").contains("at most 6")
                .contains("never rounded").contains("\"1.0000001\"");
    }

    @Test
    void parseDecimalRejectsAnyFractionWhenAssetHasNoDecimals() {
        assertThat(rejects(INVALID_AMOUNT, () -> Amount.parseDecimal("1.0", 0)).detail()).contains("at most 0");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.0000009", "0.0000005", "0.0000001", "1.9999999"})
    void parseDecimalNeverRoundsExtraDigitsAway(String human) {
        rejects(INVALID_AMOUNT, () -> Amount.parseDecimal(human, 6));
    }

    @Test
    void parseDecimalAcceptsUint256MaxAndRejectsOneUnitMore() {
        Amount max = Amount.ofUnits(UINT256_MAX, 18);
        assertThat(Amount.parseDecimal(max.toDecimalString(), 18)).isEqualTo(max);
        String oneMore = "115792089237316195423570985008687907853269984665640564039457.584007913129639936";
        assertThat(rejects(INVALID_AMOUNT, () -> Amount.parseDecimal(oneMore, 18)).detail()).contains("2^256-1");
    }

    @Test
    void parseDecimalAccepts78WholeDigitsWithNoDecimals() {
        assertThat(Amount.parseDecimal(UINT256_MAX_DIGITS, 0).units()).isEqualTo(UINT256_MAX);
    }

    @Test
    void parseDecimalRejectsNullAndEmptySayingWhatToSend() {
        assertThat(rejects(INVALID_AMOUNT, () -> Amount.parseDecimal(null, 6)).detail())
                .startsWith("amount is required").contains("\"1.5\"");
        assertThat(rejects(INVALID_AMOUNT, () -> Amount.parseDecimal("", 6)).detail())
                .startsWith("amount must not be empty");
    }

    @ParameterizedTest
    @ValueSource(strings = {"01.5", "00", "00.5", "007"})
    void parseDecimalRejectsLeadingZeros(String human) {
        assertThat(rejects(INVALID_AMOUNT, () -> Amount.parseDecimal(human, 6)).detail()).contains("leading zeros");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            " ", " 1.5", "1.5 ", "1.5\n", "1 000.5",
            "-1.5", "+1.5", "-0", "-0.0", "+0",
            ".5", "1.", ".", "1..5", "1.2.3", "1,5", "1,000.5", "1_000",
            "1e3", "1E3", "1.5e2", "1e309", "1.5E-3",
            "0x1", "0x1.8p1",
            "NaN", "Infinity", "-Infinity",
            "\u0661.\u0665",             // Arabic-Indic 1.5
            "1\u066b5",                  // Arabic decimal separator
            "\uff11.\uff15",             // fullwidth 1.5
            "1.\u0665"
    })
    void parseDecimalRejectsAnythingButThePlainGrammar(String human) {
        assertThat(rejects(INVALID_AMOUNT, () -> Amount.parseDecimal(human, 6)).detail())
                .startsWith("amount must be a plain decimal number");
    }

    @Test
    void parseDecimalRejectsInputLongerThanDigitsAllowedBeforeParsing() {
        String tooLong = "1".repeat(78) + "." + "1".repeat(7);
        String detail = rejects(INVALID_AMOUNT, () -> Amount.parseDecimal(tooLong, 6)).detail();
        assertThat(detail).startsWith("amount is too long: at most 78 digits before the decimal point and 6 after")
                .contains("(86 characters)");
    }

    @Test
    void parseDecimalRejectsTenMegabyteStringQuickly() {
        String huge = tenMegabytesOf('1');
        rejectsQuicklyWithoutEcho(INVALID_AMOUNT, () -> Amount.parseDecimal(huge, 77));
    }

    @Test
    void parseDecimalRejectsTenMegabyteFractionQuickly() {
        String huge = "0." + tenMegabytesOf('1');
        rejectsQuicklyWithoutEcho(INVALID_AMOUNT, () -> Amount.parseDecimal(huge, 77));
    }

    // ---- formatting and round trips ----------------------------------------------------------

    @ParameterizedTest
    @CsvSource({
            "1500000, 6, 1.5",
            "1, 6, 0.000001",
            "100000000, 6, 100",
            "0, 6, 0",
            "0, 0, 0",
            "123, 0, 123",
            "10, 1, 1",
            "1000, 0, 1000",
            "1010, 2, 10.1",
            "100000000000000000, 18, 0.1"
    })
    void toDecimalStringIsPlainWithoutTrailingZeros(BigInteger units, int decimals, String expected) {
        assertThat(Amount.ofUnits(units, decimals).toDecimalString()).isEqualTo(expected);
    }

    @Test
    void toDecimalStringNeverUsesAnExponent() {
        assertThat(Amount.ofUnits(BigInteger.TEN.pow(70), 0).toDecimalString()).isEqualTo("1" + "0".repeat(70));
        assertThat(Amount.ofUnits(BigInteger.ONE, 77).toDecimalString()).isEqualTo("0." + "0".repeat(76) + "1");
    }

    @Test
    void toUnitsStringIsPlainDigits() {
        assertThat(Amount.ofUnits(UINT256_MAX, 18).toUnitsString()).isEqualTo(UINT256_MAX_DIGITS);
        assertThat(Amount.zero(6).toUnitsString()).isEqualTo("0");
    }

    @Test
    void unitsAndDecimalStringsRoundTrip() {
        Random seeded = new Random(20_240_601L);  // seeded: a failure can be repeated
        for (int i = 0; i < 2_000; i++) {
            int decimals = seeded.nextInt(Amount.MAX_DECIMALS + 1);
            BigInteger units = new BigInteger(1 + seeded.nextInt(256), seeded);
            Amount amount = Amount.ofUnits(units, decimals);
            assertThat(Amount.parseUnits(amount.toUnitsString(), decimals)).isEqualTo(amount);
            assertThat(Amount.parseDecimal(amount.toDecimalString(), decimals)).isEqualTo(amount);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 6, 18, 77})
    void uint256MaxRoundTripsAtEveryScale(int decimals) {
        Amount max = Amount.ofUnits(UINT256_MAX, decimals);
        assertThat(Amount.parseDecimal(max.toDecimalString(), decimals)).isEqualTo(max);
        assertThat(Amount.parseUnits(max.toUnitsString(), decimals)).isEqualTo(max);
    }

    // ---- arithmetic --------------------------------------------------------------------------

    @Test
    void plusAdds() {
        assertThat(units(1_500_000, 6).plus(units(500_000, 6))).isEqualTo(units(2_000_000, 6));
    }

    @Test
    void plusBeyondUint256IsRejected() {
        Amount max = Amount.ofUnits(UINT256_MAX, 18);
        rejects(INVALID_AMOUNT, () -> max.plus(units(1, 18)));
    }

    @Test
    void minusSubtractsDownToZero() {
        assertThat(units(2_000_000, 6).minus(units(500_000, 6))).isEqualTo(units(1_500_000, 6));
        assertThat(units(7, 6).minus(units(7, 6)).isZero()).isTrue();
    }

    @Test
    void minusRefusesGoingNegative() {
        assertThatIllegalArgumentException().isThrownBy(() -> units(1, 6).minus(units(2, 6)))
                .withMessageContaining("never negative");
    }

    @Test
    void arithmeticAndComparisonRefuseMismatchedDecimals() {
        Amount sixDecimals = units(1, 6);
        Amount eighteenDecimals = units(1, 18);
        assertThatIllegalArgumentException().isThrownBy(() -> sixDecimals.plus(eighteenDecimals))
                .withMessageContaining("6 and 18 decimals");
        assertThatIllegalArgumentException().isThrownBy(() -> sixDecimals.minus(eighteenDecimals));
        assertThatIllegalArgumentException().isThrownBy(() -> sixDecimals.compareTo(eighteenDecimals));
        assertThatIllegalArgumentException().isThrownBy(() -> sixDecimals.isAtLeast(eighteenDecimals));
    }

    @Test
    void compareToOrdersByUnits() {
        assertThat(units(1, 6)).isLessThan(units(2, 6));
        assertThat(units(2, 6)).isGreaterThan(units(1, 6));
        assertThat(units(2, 6).compareTo(units(2, 6))).isZero();
    }

    @Test
    void isAtLeastIncludesEqual() {
        assertThat(units(5, 6).isAtLeast(units(4, 6))).isTrue();
        assertThat(units(5, 6).isAtLeast(units(5, 6))).isTrue();
        assertThat(units(5, 6).isAtLeast(units(6, 6))).isFalse();
    }

    // ---- mulDiv and rescale: the one rounding rule ---------------------------------------------

    @Test
    void mulDivRoundsDownForPayoutsAndUpForCharges() {
        Amount ten = units(10, 6);
        BigInteger one = BigInteger.ONE;
        BigInteger three = BigInteger.valueOf(3);
        assertThat(ten.mulDiv(one, three, Rounding.DOWN)).isEqualTo(units(3, 6));
        assertThat(ten.mulDiv(one, three, Rounding.UP)).isEqualTo(units(4, 6));
    }

    @Test
    void mulDivExactDivisionIsTheSameBothWays() {
        Amount hundred = units(100, 6);
        BigInteger three = BigInteger.valueOf(3);
        BigInteger four = BigInteger.valueOf(4);
        assertThat(hundred.mulDiv(three, four, Rounding.DOWN)).isEqualTo(units(75, 6));
        assertThat(hundred.mulDiv(three, four, Rounding.UP)).isEqualTo(units(75, 6));
    }

    @Test
    void mulDivOfZeroIsZeroBothWays() {
        BigInteger seven = BigInteger.valueOf(7);
        assertThat(Amount.zero(6).mulDiv(seven, BigInteger.TWO, Rounding.UP)).isEqualTo(Amount.zero(6));
        assertThat(Amount.zero(6).mulDiv(seven, BigInteger.TWO, Rounding.DOWN)).isEqualTo(Amount.zero(6));
        assertThat(units(9, 6).mulDiv(BigInteger.ZERO, seven, Rounding.UP)).isEqualTo(Amount.zero(6));
    }

    @Test
    void mulDivChargesAFeeInBasisPointsRoundedUp() {
        // 30 bps of 0.000333 USDC is 0.000000999, i.e. 0.999 base units: the fee is 1 unit.
        Amount fee = units(333, 6).mulDiv(BigInteger.valueOf(30), BigInteger.valueOf(10_000), Rounding.UP);
        assertThat(fee).isEqualTo(units(1, 6));
    }

    @Test
    void mulDivKeepsTheIntermediateProductExact() {
        Amount max = Amount.ofUnits(UINT256_MAX, 18);
        assertThat(max.mulDiv(UINT256_MAX, UINT256_MAX, Rounding.DOWN)).isEqualTo(max);
    }

    @Test
    void mulDivResultAboveUint256IsRejected() {
        Amount max = Amount.ofUnits(UINT256_MAX, 18);
        rejects(INVALID_AMOUNT, () -> max.mulDiv(BigInteger.TWO, BigInteger.ONE, Rounding.DOWN));
    }

    @Test
    void mulDivRefusesZeroOrNegativeDenominatorAndNegativeNumerator() {
        Amount one = units(1, 6);
        assertThatIllegalArgumentException().isThrownBy(() -> one.mulDiv(BigInteger.ONE, BigInteger.ZERO, Rounding.UP));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> one.mulDiv(BigInteger.ONE, BigInteger.valueOf(-2), Rounding.UP));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> one.mulDiv(BigInteger.valueOf(-1), BigInteger.ONE, Rounding.DOWN));
    }

    @Test
    void rescaleToMoreDecimalsIsExact() {
        Amount usdc = Amount.parseDecimal("1.5", 6);
        assertThat(usdc.rescale(18, Rounding.DOWN)).isEqualTo(Amount.parseDecimal("1.5", 18));
        assertThat(usdc.rescale(18, Rounding.UP)).isEqualTo(Amount.parseDecimal("1.5", 18));
    }

    @Test
    void rescaleToFewerDecimalsRoundsAsAsked() {
        Amount oneWei = units(1, 18);
        assertThat(oneWei.rescale(6, Rounding.DOWN)).isEqualTo(Amount.zero(6));
        assertThat(oneWei.rescale(6, Rounding.UP)).isEqualTo(units(1, 6));
        Amount exact = Amount.parseDecimal("1.25", 18);
        assertThat(exact.rescale(2, Rounding.DOWN)).isEqualTo(units(125, 2));
        assertThat(exact.rescale(2, Rounding.UP)).isEqualTo(units(125, 2));
    }

    @Test
    void rescaleToSameDecimalsIsIdentity() {
        assertThat(units(42, 6).rescale(6, Rounding.UP)).isEqualTo(units(42, 6));
    }

    @Test
    void rescaleRejectsInvalidDecimalsAndOverflow() {
        rejects(INVALID_AMOUNT, () -> units(1, 6).rescale(78, Rounding.DOWN));
        rejects(INVALID_AMOUNT, () -> units(1, 6).rescale(-1, Rounding.DOWN));
        rejects(INVALID_AMOUNT, () -> Amount.ofUnits(UINT256_MAX, 0).rescale(1, Rounding.DOWN));
    }
}

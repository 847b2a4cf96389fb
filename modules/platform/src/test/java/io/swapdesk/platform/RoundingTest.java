package io.swapdesk.platform;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

class RoundingTest {

    private static BigInteger big(long value) {
        return BigInteger.valueOf(value);
    }

    @ParameterizedTest
    @CsvSource({
            // value, numerator, denominator, down, up
            "10, 1, 3, 3, 4",
            "11, 1, 3, 3, 4",
            "12, 1, 3, 4, 4",
            "100, 3, 4, 75, 75",
            "1, 1, 2, 0, 1",
            "0, 5, 7, 0, 0",
            "5, 0, 7, 0, 0",
            "7, 1, 7, 1, 1",
            "1, 1, 1000000000000000000, 0, 1"
    })
    void mulDivRoundsOnceInTheNamedDirection(long value, long numerator, long denominator, long down, long up) {
        assertThat(Rounding.DOWN.mulDiv(big(value), big(numerator), big(denominator))).isEqualTo(big(down));
        assertThat(Rounding.UP.mulDiv(big(value), big(numerator), big(denominator))).isEqualTo(big(up));
    }

    @Test
    void upNeverExceedsDownByMoreThanOne() {
        for (long value = 0; value < 200; value++) {
            for (long denominator = 1; denominator < 20; denominator++) {
                BigInteger down = Rounding.DOWN.mulDiv(big(value), big(3), big(denominator));
                BigInteger up = Rounding.UP.mulDiv(big(value), big(3), big(denominator));
                boolean exact = (value * 3) % denominator == 0;
                assertThat(up.subtract(down)).isEqualTo(exact ? BigInteger.ZERO : BigInteger.ONE);
            }
        }
    }

    @Test
    void mulDivRefusesNegativeInputsAndNonPositiveDenominators() {
        assertThatIllegalArgumentException().isThrownBy(() -> Rounding.UP.mulDiv(big(-1), big(1), big(1)));
        assertThatIllegalArgumentException().isThrownBy(() -> Rounding.UP.mulDiv(big(1), big(-1), big(1)));
        assertThatIllegalArgumentException().isThrownBy(() -> Rounding.UP.mulDiv(big(1), big(1), big(0)))
                .withMessageContaining("denominator must be positive");
        assertThatIllegalArgumentException().isThrownBy(() -> Rounding.DOWN.mulDiv(big(1), big(1), big(-3)));
    }

    @Test
    void mulDivRefusesNulls() {
        assertThatNullPointerException().isThrownBy(() -> Rounding.UP.mulDiv(null, big(1), big(1)));
        assertThatNullPointerException().isThrownBy(() -> Rounding.UP.mulDiv(big(1), null, big(1)));
        assertThatNullPointerException().isThrownBy(() -> Rounding.UP.mulDiv(big(1), big(1), null));
    }
}

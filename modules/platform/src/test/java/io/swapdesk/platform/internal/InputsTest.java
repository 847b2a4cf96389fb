package io.swapdesk.platform.internal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class InputsTest {

    @Test
    void quoteShowsShortInputInFull() {
        assertThat(Inputs.quote("-0")).isEqualTo("\"-0\"");
    }

    @Test
    void quoteTruncatesToTheEchoLimitAndMarksIt() {
        String quoted = Inputs.quote("y".repeat(100));
        assertThat(quoted).isEqualTo('"' + "y".repeat(Inputs.ECHO_LIMIT) + "\"...");
    }

    @Test
    void quoteEscapesQuotesBackslashesControlAndNonAsciiCharacters() {
        assertThat(Inputs.quote("a\"b\\c\nd\u0661")).isEqualTo("\"a\\\"b\\\\c\\u000ad\\u0661\"");
    }

    @Test
    void quoteWithALimitShowsExactlyThatMuch() {
        assertThat(Inputs.quote("abcdef", 3)).isEqualTo("\"abc\"...");
        assertThat(Inputs.quote("abc", 3)).isEqualTo("\"abc\"");
    }

    @ParameterizedTest
    @ValueSource(chars = {'\u0660', '\u06f0', '\u0966', '\uff10', '\u1040', '\ud835'})
    void unicodeDigitsAreNotAsciiDigits(char digit) {
        assertThat(Inputs.isAsciiDigit(digit)).isFalse();
        assertThat(Inputs.hexValue(digit)).isEqualTo(-1);
    }

    @Test
    void asciiDigitsAndHexAreRecognised() {
        assertThat(Inputs.isAsciiDigits("0123456789", 0, 10)).isTrue();
        assertThat(Inputs.hexValue('0')).isZero();
        assertThat(Inputs.hexValue('9')).isEqualTo(9);
        assertThat(Inputs.hexValue('a')).isEqualTo(10);
        assertThat(Inputs.hexValue('F')).isEqualTo(15);
        assertThat(Inputs.hexValue('g')).isEqualTo(-1);
    }

    @Test
    void canonicalDigitsRefuseEmptyAndLeadingZeros() {
        assertThat(Inputs.isCanonicalDigits("0", 0, 1)).isTrue();
        assertThat(Inputs.isCanonicalDigits("10", 0, 2)).isTrue();
        assertThat(Inputs.isCanonicalDigits("", 0, 0)).isFalse();
        assertThat(Inputs.isCanonicalDigits("01", 0, 2)).isFalse();
        assertThat(Inputs.isCanonicalDigits("1a", 0, 2)).isFalse();
    }
}

package io.swapdesk.platform;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static io.swapdesk.platform.HostileInput.rejects;
import static io.swapdesk.platform.HostileInput.rejectsQuicklyWithoutEcho;
import static io.swapdesk.platform.HostileInput.tenMegabytesOf;
import static io.swapdesk.platform.PlatformError.INVALID_CHAIN_ID;
import static org.assertj.core.api.Assertions.assertThat;

class ChainIdTest {

    @Test
    void maxValueIsTheWalletSafeBound() {
        assertThat(ChainId.MAX_VALUE).isEqualTo(4_503_599_627_370_476L);
        // EIP-155 v = 2 * chainId + 36 at most must stay a JavaScript safe integer (2^53 - 1).
        assertThat(2 * ChainId.MAX_VALUE + 36).isLessThanOrEqualTo((1L << 53) - 1);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 10, 137, 42_161, 11_155_111, 4_503_599_627_370_476L})
    void ofAcceptsOneToMax(long value) {
        assertThat(ChainId.of(value).value()).isEqualTo(value);
    }

    @ParameterizedTest
    @ValueSource(longs = {0, -1, 4_503_599_627_370_477L, Long.MAX_VALUE, Long.MIN_VALUE})
    void ofRejectsValuesOutsideOneToMax(long value) {
        assertThat(rejects(INVALID_CHAIN_ID, () -> ChainId.of(value)).detail())
                .contains("from 1 to 4503599627370476").endsWith("got " + value);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "137", "4503599627370476"})
    void parseReadsDecimalDigitsAndToStringGivesThemBack(String text) {
        assertThat(ChainId.parse(text).toString()).isEqualTo(text);
    }

    @Test
    void parseAndOfAgree() {
        assertThat(ChainId.parse("137")).isEqualTo(ChainId.of(137)).hasSameHashCodeAs(ChainId.of(137));
    }

    @Test
    void parseRejectsNullSayingItIsRequired() {
        assertThat(rejects(INVALID_CHAIN_ID, () -> ChainId.parse(null)).detail()).startsWith("chain id is required");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "", " ", " 1", "1 ", "0", "00", "01", "-1", "+1", "-0",
            "0x1", "0x89", "1e3", "1.0", "1,000",
            "\u0661", "\uff11",
            "4503599627370477", "9999999999999999",
            "99999999999999999999", "9223372036854775808"
    })
    void parseRejectsAnythingButDigitsInRange(String text) {
        assertThat(rejects(INVALID_CHAIN_ID, () -> ChainId.parse(text)).detail())
                .startsWith("chain id must be a decimal number from 1 to 4503599627370476");
    }

    @Test
    void parseRejectsTenMegabyteStringQuickly() {
        String huge = tenMegabytesOf('1');
        rejectsQuicklyWithoutEcho(INVALID_CHAIN_ID, () -> ChainId.parse(huge));
    }
}

package io.swapdesk.charts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IntervalTest {

    @ParameterizedTest
    @CsvSource({
            "1m,  2026-11-20T10:17:42.500Z, 2026-11-20T10:17:00Z",
            "5m,  2026-11-20T10:17:42.500Z, 2026-11-20T10:15:00Z",
            "15m, 2026-11-20T10:17:42.500Z, 2026-11-20T10:15:00Z",
            "1h,  2026-11-20T10:17:42.500Z, 2026-11-20T10:00:00Z",
            "4h,  2026-11-20T10:17:42.500Z, 2026-11-20T08:00:00Z",
            "4h,  2026-11-20T03:59:59.999Z, 2026-11-20T00:00:00Z",
            "1d,  2026-11-20T23:59:59.999Z, 2026-11-20T00:00:00Z",
            "1d,  2026-11-21T00:00:00Z,     2026-11-21T00:00:00Z",
            "1m,  1969-12-31T23:59:30Z,     1969-12-31T23:59:00Z",
    })
    void everyIntervalAlignsToUtc(String code, Instant time, Instant start) {
        assertThat(Interval.parse(code).startOf(time)).isEqualTo(start);
    }

    @ParameterizedTest
    @CsvSource({"1m, 60", "5m, 300", "15m, 900", "1h, 3600", "4h, 14400", "1d, 86400"})
    void codesNameTheirWidth(String code, long seconds) {
        Interval interval = Interval.parse(code);

        assertThat(interval.duration().toSeconds()).isEqualTo(seconds);
        assertThat(interval.code()).isEqualTo(code);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1M", "2m", "60", "1 m", "1w", "1d1d1d1d1d1d1d1d"})
    void anUnknownCodeIsRefusedWithTheCodesThatExist(String code) {
        assertThatThrownBy(() -> Interval.parse(code))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("interval must be one of 1m, 5m, 15m, 1h, 4h, 1d; got ")
                .hasMessageNotContaining("1d1d1d1d1d1d1d1d");
    }
}

package io.swapdesk.charts.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.swapdesk.charts.ChartsError;
import io.swapdesk.charts.Interval;
import io.swapdesk.platform.DomainException;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BarsRequestTest {

    private static final Instant NOW = Instant.parse("2026-11-20T10:17:42Z");

    @Test
    void defaultsAreOneMinuteBarsUpToNowAtMost500() {
        BarsRequest request = BarsRequest.parse("ETH-USD", null, null, null, null, NOW);

        assertThat(request.interval()).isEqualTo(Interval.M1);
        assertThat(request.from()).isEmpty();
        assertThat(request.to()).isEqualTo(NOW);
        assertThat(request.limit()).isEqualTo(500);
    }

    @Test
    void emptyParametersCountAsAbsent() {
        BarsRequest request = BarsRequest.parse("ETH-USD", "", "", "", "", NOW);

        assertThat(request.interval()).isEqualTo(Interval.M1);
        assertThat(request.limit()).isEqualTo(500);
    }

    @Test
    void timesAreIsoWithAnOffsetOrEpochMilliseconds() {
        BarsRequest request = BarsRequest.parse("ETH-USD", "1h", "2026-11-20T12:15:00+02:00", "1795169700000", "1000", NOW);

        assertThat(request.from()).contains(Instant.parse("2026-11-20T10:15:00Z"));
        assertThat(request.to()).isEqualTo(Instant.ofEpochMilli(1795169700000L));
        assertThat(request.interval()).isEqualTo(Interval.H1);
        assertThat(request.limit()).isEqualTo(1000);
    }

    @ParameterizedTest
    @ValueSource(strings = {"eth-usd", "ETHUSD", "ETH-USD-X", "E-USD", "ETH-ETH", "ETH_USD"})
    void aMalformedPairIsRefused(String pair) {
        assertRefused(() -> BarsRequest.parse(pair, null, null, null, null, NOW), ChartsError.INVALID_PAIR, "pair");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1w", "1M", "60", "1 m"})
    void anUnknownIntervalIsRefusedNamingTheKnownOnes(String interval) {
        DomainException refusal = assertRefused(() -> BarsRequest.parse("ETH-USD", interval, null, null, null, NOW),
                ChartsError.INVALID_INTERVAL, "interval");

        assertThat(refusal.detail()).contains("1m, 5m, 15m, 1h, 4h, 1d");
    }

    @ParameterizedTest
    @ValueSource(strings = {"yesterday", "2026-11-20", "2026-11-20T10:15:00", "2026-11-20T10:15:00 02:00",
            "99999999999999999999", "-1", "1.5", "+10000-01-01T00:00:00Z", "253402300800000"})
    void anUnparsableOrOutOfRangeTimeIsRefused(String time) {
        assertRefused(() -> BarsRequest.parse("ETH-USD", null, time, null, null, NOW), ChartsError.INVALID_TIME, "from");
        assertRefused(() -> BarsRequest.parse("ETH-USD", null, null, time, null, NOW), ChartsError.INVALID_TIME, "to");
    }

    @Test
    void aPlusSentUnencodedGetsAHint() {
        DomainException refusal = assertRefused(
                () -> BarsRequest.parse("ETH-USD", null, "2026-11-20T10:15:00 02:00", null, null, NOW),
                ChartsError.INVALID_TIME, "from");

        assertThat(refusal.detail()).contains("%2B");
    }

    @Test
    void fromAfterToIsRefused() {
        assertRefused(() -> BarsRequest.parse("ETH-USD", null, "2026-11-20T10:00:00Z", "2026-11-20T09:00:00Z", null, NOW),
                ChartsError.INVALID_TIME_RANGE, "to");
        assertRefused(() -> BarsRequest.parse("ETH-USD", null, "2026-11-21T00:00:00Z", null, null, NOW),
                ChartsError.INVALID_TIME_RANGE, "from");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "1001", "-5", "ten", "1e3", "99999999999", " 10"})
    void aLimitOutsideOneToAThousandIsRefused(String limit) {
        assertRefused(() -> BarsRequest.parse("ETH-USD", null, null, null, limit, NOW), ChartsError.INVALID_LIMIT, "limit");
    }

    @Test
    void aLongInputIsEchoedOnlyInPart() {
        String hostile = "x".repeat(5000);

        DomainException refusal = assertRefused(() -> BarsRequest.parse("ETH-USD", null, hostile, null, null, NOW),
                ChartsError.INVALID_TIME, "from");

        assertThat(refusal.detail()).hasSizeLessThan(300);
    }

    private static DomainException assertRefused(Runnable call, ChartsError code, String field) {
        DomainException refusal = catchThrowableOfType(DomainException.class, call::run);
        assertThat(refusal).as("refused").isNotNull();
        assertThat(refusal.code()).isEqualTo(code);
        assertThat(refusal.properties()).containsEntry("field", field);
        assertThat(refusal.detail()).isNotBlank();
        return refusal;
    }
}

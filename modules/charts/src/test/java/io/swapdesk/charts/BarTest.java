package io.swapdesk.charts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.swapdesk.pricing.Pair;
import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class BarTest {

    private static final Pair ETH_USD = Pair.parse("ETH-USD");
    private static final Instant START = Instant.parse("2026-11-20T10:15:00Z");

    @Test
    void aBarMustStartOnItsIntervalsBoundary() {
        assertThatThrownBy(() -> bar(Interval.M5, Instant.parse("2026-11-20T10:16:00Z"), "1", "1", "1", "1", 1))
                .hasMessageContaining("5m boundary");
    }

    @Test
    void openAndCloseLieBetweenLowAndHigh() {
        assertThatThrownBy(() -> bar(Interval.M1, START, "5", "4", "3", "4", 2)).hasMessageContaining("low <= open");
    }

    @Test
    void anEarlierPartFollowedByALaterOneKeepsTheFirstOpenAndTheLastClose() {
        Bar first = bar(Interval.M1, START, "10.0", "12.5", "9.75", "11", 3);
        Bar later = new Bar(ETH_USD, Interval.M1, START, d("11.5"), d("11.5"), d("8.125"), d("10.01"), 2, true);

        Bar joined = first.followedBy(later);

        assertThat(joined.open()).isEqualByComparingTo("10.0");
        assertThat(joined.high().toPlainString()).isEqualTo("12.5");
        assertThat(joined.low().toPlainString()).isEqualTo("8.125");
        assertThat(joined.close().toPlainString()).isEqualTo("10.01");
        assertThat(joined.ticks()).isEqualTo(5);
        assertThat(joined.live()).isTrue();
    }

    @Test
    void onlyPartsOfTheSameBarJoin() {
        Bar one = bar(Interval.M1, START, "1", "1", "1", "1", 1);
        Bar next = bar(Interval.M1, START.plusSeconds(60), "1", "1", "1", "1", 1);

        assertThatThrownBy(() -> one.followedBy(next)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theEndIsTheNextBarsStart() {
        assertThat(bar(Interval.H4, Instant.parse("2026-11-20T08:00:00Z"), "1", "1", "1", "1", 1).end())
                .isEqualTo(Instant.parse("2026-11-20T12:00:00Z"));
    }

    private static Bar bar(Interval interval, Instant start, String o, String h, String l, String c, long ticks) {
        return new Bar(ETH_USD, interval, start, d(o), d(h), d(l), d(c), ticks, false);
    }

    private static BigDecimal d(String value) {
        return new BigDecimal(value);
    }
}

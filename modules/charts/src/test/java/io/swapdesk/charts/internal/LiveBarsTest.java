package io.swapdesk.charts.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.swapdesk.charts.Bar;
import io.swapdesk.charts.Interval;
import io.swapdesk.pricing.Pair;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class LiveBarsTest {

    private static final Pair ETH_USD = Pair.parse("ETH-USD");
    private static final Pair BTC_USD = Pair.parse("BTC-USD");
    private static final Duration GRACE = Duration.ofSeconds(2);

    private final LiveBars bars = new LiveBars();

    @Test
    void theFirstTickOpensABarInEveryInterval() {
        bars.record(ETH_USD, d("3000.5"), t("2026-11-20T10:17:42Z"));

        for (Interval interval : Interval.values()) {
            Bar bar = bars.live(ETH_USD, interval).orElseThrow();
            assertThat(bar.start()).isEqualTo(interval.startOf(t("2026-11-20T10:17:42Z")));
            assertThat(bar.live()).isTrue();
            assertThat(bar.ticks()).isEqualTo(1);
            assertThat(bar.open()).isSameAs(bar.close());
        }
    }

    @Test
    void theLatestBarIsTheOpenOneThenTheOneThatClosedUntilTheNextOpens() {
        assertThat(bars.latest(ETH_USD, Interval.M1)).as("before the first tick").isEmpty();
        tick("10", "2026-11-20T10:17:20Z");
        assertThat(bars.latest(ETH_USD, Interval.M1).orElseThrow().live()).isTrue();

        bars.closeDue(t("2026-11-20T10:18:05Z"), GRACE);
        bars.stored(List.of(bars.closedNotStored(ETH_USD, Interval.M1).orElseThrow()));
        Bar closed = bars.latest(ETH_USD, Interval.M1).orElseThrow();
        assertThat(closed.live()).as("closed, and kept after it was stored").isFalse();
        assertThat(closed.start()).isEqualTo(t("2026-11-20T10:17:00Z"));
        assertThat(closed.close()).isEqualByComparingTo("10");

        tick("11", "2026-11-20T10:18:30Z");
        Bar next = bars.latest(ETH_USD, Interval.M1).orElseThrow();
        assertThat(next.live()).isTrue();
        assertThat(next.start()).isEqualTo(t("2026-11-20T10:18:00Z"));
    }

    @Test
    void onlyBarsOfIntervalsThatBeganAfterThePairsFirstTickHereAreWhole() {
        tick("10", "2026-11-20T10:17:20Z");
        tick("11", "2026-11-20T10:18:00Z");

        assertThat(bars.sawWholeInterval(bars.live(ETH_USD, Interval.M1).orElseThrow()))
                .as("10:18, begun after the first tick at 10:17:20").isTrue();
        assertThat(bars.sawWholeInterval(bars.live(ETH_USD, Interval.M5).orElseThrow()))
                .as("10:15, begun before it: the part before may be stored").isFalse();
        assertThat(bars.sawWholeInterval(new Bar(BTC_USD, Interval.M1, t("2026-11-20T10:18:00Z"), d("1"), d("1"),
                d("1"), d("1"), 1, true))).as("a pair without ticks here").isFalse();
    }

    @Test
    void ticksWithinABarMakeItsOpenHighLowAndClose() {
        tick("10.0", "2026-11-20T10:17:01Z");
        tick("12.5", "2026-11-20T10:17:10Z");
        tick("9.25", "2026-11-20T10:17:20Z");
        tick("11", "2026-11-20T10:17:59.999Z");

        Bar bar = bars.live(ETH_USD, Interval.M1).orElseThrow();

        assertOhlc(bar, "10.0", "12.5", "9.25", "11");
        assertThat(bar.ticks()).isEqualTo(4);
    }

    @Test
    void theFirstTickOfTheNextBarClosesTheBarInThatIntervalOnly() {
        tick("10", "2026-11-20T10:17:30Z");

        LiveBars.Recorded recorded = tick("11", "2026-11-20T10:18:00Z");

        assertThat(recorded.closed()).singleElement().satisfies(closed -> {
            assertThat(closed.interval()).isEqualTo(Interval.M1);
            assertThat(closed.start()).isEqualTo(t("2026-11-20T10:17:00Z"));
            assertThat(closed.live()).isFalse();
            assertOhlc(closed, "10", "10", "10", "10");
        });
        assertThat(bars.live(ETH_USD, Interval.M1).orElseThrow().start()).isEqualTo(t("2026-11-20T10:18:00Z"));
        assertThat(bars.live(ETH_USD, Interval.M5).orElseThrow().ticks()).isEqualTo(2);
    }

    @Test
    void aTickOnABoundaryBelongsToTheBarItStarts() {
        tick("1", "2026-11-20T23:59:59.999999999Z");
        LiveBars.Recorded recorded = tick("2", "2026-11-21T00:00:00Z");

        assertThat(recorded.closed()).extracting(Bar::interval).containsExactly(Interval.values());
        assertThat(recorded.closed()).allSatisfy(bar -> assertThat(bar.close()).isEqualByComparingTo("1"));
        for (Interval interval : Interval.values()) {
            assertThat(bars.live(ETH_USD, interval).orElseThrow().start()).isEqualTo(t("2026-11-21T00:00:00Z"));
        }
    }

    @Test
    void outOfOrderTicksWithinABarKeepTheEarliestAsOpenAndTheLatestAsClose() {
        tick("20", "2026-11-20T10:17:30Z");
        tick("10", "2026-11-20T10:17:05Z"); // observed earlier, arrives later
        tick("30", "2026-11-20T10:17:50Z");
        tick("25", "2026-11-20T10:17:40Z"); // earlier than the close so far: not the close

        assertOhlc(bars.live(ETH_USD, Interval.M1).orElseThrow(), "10", "30", "10", "30");
    }

    @Test
    void aTickForABarAlreadyClosedIsCountedLateAndChangesNothing() {
        tick("10", "2026-11-20T10:17:30Z");
        tick("11", "2026-11-20T10:18:10Z");

        LiveBars.Recorded late = tick("99", "2026-11-20T10:17:59Z");

        assertThat(late.late()).isEqualTo(1); // only the 1m bar had closed; the 5m bar still takes it
        assertThat(late.closed()).isEmpty();
        assertOhlc(bars.live(ETH_USD, Interval.M1).orElseThrow(), "11", "11", "11", "11");
        assertThat(bars.live(ETH_USD, Interval.M5).orElseThrow().high()).isEqualByComparingTo("99");
    }

    @Test
    void aTickLateForABarClosedByTheClockIsLateToo() {
        tick("10", "2026-11-20T10:17:30Z");
        bars.closeDue(t("2026-11-20T10:18:05Z"), GRACE);

        assertThat(tick("12", "2026-11-20T10:17:59Z").late()).isEqualTo(1);
        assertThat(bars.live(ETH_USD, Interval.M1)).isEmpty();
    }

    @Test
    void theClockClosesABarOnlyOnceItsIntervalAndTheGraceHavePassed() {
        tick("10", "2026-11-20T10:17:30Z");

        assertThat(bars.closeDue(t("2026-11-20T10:18:01.999Z"), GRACE)).isEmpty();
        List<Bar> closed = bars.closeDue(t("2026-11-20T10:18:02Z"), GRACE);

        assertThat(closed).singleElement().satisfies(bar -> {
            assertThat(bar.interval()).isEqualTo(Interval.M1);
            assertThat(bar.live()).isFalse();
        });
        assertThat(bars.live(ETH_USD, Interval.M1)).isEmpty();
        assertThat(bars.live(ETH_USD, Interval.M5)).isPresent();
    }

    @Test
    void aClosedBarIsKeptUntilTheStoreConfirmsIt() {
        tick("10", "2026-11-20T10:17:30Z");
        Bar closed = tick("11", "2026-11-20T10:18:00Z").closed().get(0);

        assertThat(bars.closedNotStored(ETH_USD, Interval.M1)).contains(closed);
        bars.stored(List.of(closed));
        assertThat(bars.closedNotStored(ETH_USD, Interval.M1)).isEmpty();
    }

    @Test
    void pricesStayExactlyAsTheTicksCarriedThem() {
        tick("0.000000000000000001", "2026-11-20T10:17:01Z");
        tick("123456789012345678901234567890.123456789", "2026-11-20T10:17:02Z");
        tick("0.10", "2026-11-20T10:17:03Z");
        tick("0.1", "2026-11-20T10:17:04Z"); // equal by value to the 0.10 before

        Bar bar = bars.live(ETH_USD, Interval.M1).orElseThrow();

        assertThat(bar.open().toPlainString()).isEqualTo("0.000000000000000001");
        assertThat(bar.high().toPlainString()).isEqualTo("123456789012345678901234567890.123456789");
        assertThat(bar.low().toPlainString()).isEqualTo("0.000000000000000001");
        assertThat(bar.close().toPlainString()).isEqualTo("0.1");
    }

    @Test
    void pairsAreIndependent() {
        tick("10", "2026-11-20T10:17:30Z");
        bars.record(BTC_USD, d("90000"), t("2026-11-20T10:19:00Z"));

        assertThat(bars.live(ETH_USD, Interval.M1).orElseThrow().start()).isEqualTo(t("2026-11-20T10:17:00Z"));
        assertThat(bars.live(BTC_USD, Interval.M1).orElseThrow().close()).isEqualByComparingTo("90000");
    }

    @Test
    void shutdownTakesEveryOpenBarAsItStands() {
        tick("10", "2026-11-20T10:17:30Z");

        List<Bar> open = bars.takeOpen();

        assertThat(open).hasSize(Interval.values().length).allSatisfy(bar -> assertThat(bar.ticks()).isEqualTo(1));
        assertThat(bars.live(ETH_USD, Interval.D1)).isEmpty();
    }

    private LiveBars.Recorded tick(String price, String at) {
        return bars.record(ETH_USD, d(price), t(at));
    }

    private static void assertOhlc(Bar bar, String open, String high, String low, String close) {
        assertThat(bar.open().toPlainString()).as("open").isEqualTo(open);
        assertThat(bar.high().toPlainString()).as("high").isEqualTo(high);
        assertThat(bar.low().toPlainString()).as("low").isEqualTo(low);
        assertThat(bar.close().toPlainString()).as("close").isEqualTo(close);
    }

    private static BigDecimal d(String value) {
        return new BigDecimal(value);
    }

    private static Instant t(String value) {
        return Instant.parse(value);
    }
}

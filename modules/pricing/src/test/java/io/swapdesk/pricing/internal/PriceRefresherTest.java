package io.swapdesk.pricing.internal;

import io.swapdesk.chains.testing.TestChains;
import io.swapdesk.pricing.Pair;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntToLongFunction;

import static org.assertj.core.api.Assertions.assertThat;

class PriceRefresherTest {

    private static final Duration INTERVAL = Duration.ofMillis(100);

    @Test
    void aSourceIsFetchedEveryIntervalStartToStartHoweverLongAFetchTakes() throws InterruptedException {
        // 90 ms fetches every 100 ms: with a pause of the interval between fetches, a fetch every 190 ms.
        TimedSource source = new TimedSource(fetch -> 90);

        List<Long> starts = run(source, Duration.ofMillis(1250));

        assertThat(starts).hasSizeGreaterThanOrEqualTo(10);
        for (int i = 1; i < starts.size(); i++) {
            assertThat(starts.get(i) - starts.get(i - 1)).as("start %d to start %d", i - 1, i)
                    .isGreaterThanOrEqualTo(INTERVAL.toNanos() - 1_000_000);
        }
    }

    @Test
    void aFetchThatOverranIsFollowedAtOnceThenByTheIntervalNotByABurst() throws InterruptedException {
        TimedSource source = new TimedSource(fetch -> fetch == 1 ? 450 : 5);

        List<Long> starts = run(source, Duration.ofMillis(900));

        assertThat(starts).hasSizeGreaterThanOrEqualTo(4);
        // The overrun fetch started at starts[1] and took 450 ms: the next one comes right after it, ...
        assertThat(starts.get(2) - starts.get(1)).isBetween(450_000_000L, 520_000_000L);
        // ... and the one after that a whole interval later, not at once to make up for the four it overran.
        assertThat(starts.get(3) - starts.get(2)).isGreaterThanOrEqualTo(INTERVAL.toNanos() - 1_000_000);
    }

    @Test
    void aFetchThatThrowsAnErrorDoesNotEndTheSourcesRefresh() throws InterruptedException {
        TimedSource source = new TimedSource(fetch -> 5, 1);

        List<Long> starts = run(source, Duration.ofMillis(550));

        assertThat(starts).as("fetched again after the fetch that threw").hasSizeGreaterThanOrEqualTo(4);
    }

    private static List<Long> run(TimedSource source, Duration forHowLong) throws InterruptedException {
        Clock clock = Clock.systemUTC();
        PriceBoard board = new PriceBoard(new PricingSettings(name -> Optional.ofNullable(
                Map.of("pricing.pairs", "ETH-USD").get(name))), clock, update -> { },
                new PricingMetrics(TestChains.noMetrics(), clock));
        PriceRefresher refresher = new PriceRefresher(List.of(source), board,
                new PricingMetrics(TestChains.noMetrics(), clock), () -> true);
        refresher.start();
        try {
            Thread.sleep(forHowLong.toMillis());
        } finally {
            refresher.stop();
        }
        return source.starts();
    }

    /**
     * A source whose n-th fetch (from 0) takes the given milliseconds and answers nothing; one fetch may throw an
     * Error instead, as a bug or a missing class would.
     */
    private static final class TimedSource implements PriceSource {

        private final IntToLongFunction millisOfFetch;
        private final int fetchThatThrows;
        private final List<Long> starts = new ArrayList<>();

        TimedSource(IntToLongFunction millisOfFetch) {
            this(millisOfFetch, -1);
        }

        TimedSource(IntToLongFunction millisOfFetch, int fetchThatThrows) {
            this.millisOfFetch = millisOfFetch;
            this.fetchThatThrows = fetchThatThrows;
        }

        @Override
        public String kind() {
            return "timed";
        }

        @Override
        public Set<Pair> pairs() {
            return Set.of(Pair.parse("ETH-USD"));
        }

        @Override
        public Duration refreshInterval() {
            return INTERVAL;
        }

        @Override
        public List<Reading> fetch() {
            int fetch;
            synchronized (starts) {
                fetch = starts.size();
                starts.add(System.nanoTime());
            }
            try {
                Thread.sleep(millisOfFetch.applyAsLong(fetch));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (fetch == fetchThatThrows) {
                throw new AssertionError("fetch " + fetch + " breaks");
            }
            return List.of();
        }

        List<Long> starts() {
            synchronized (starts) {
                return List.copyOf(starts);
            }
        }
    }
}

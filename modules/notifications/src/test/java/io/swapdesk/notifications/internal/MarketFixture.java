package io.swapdesk.notifications.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.swapdesk.charts.Bar;
import io.swapdesk.charts.Charts;
import io.swapdesk.charts.Interval;
import io.swapdesk.identity.TokenVerifier;
import io.swapdesk.platform.DomainException;
import io.swapdesk.pricing.Pair;
import io.swapdesk.pricing.PriceQuote;
import io.swapdesk.pricing.PriceUnavailable;
import io.swapdesk.pricing.PriceUpdated;
import io.swapdesk.pricing.Prices;
import io.swapdesk.pricing.PricingError;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * The market channels over a small in-memory market: Prices holding what {@link #price} last set for ETH-USD and
 * USDC-USD, Charts holding what {@link #liveBar} set. The channels themselves are the real ones, fan-out threads and
 * watchdog included.
 */
final class MarketFixture implements AutoCloseable {

    static final Pair ETH_USD = Pair.parse("ETH-USD");
    static final Pair USDC_USD = Pair.parse("USDC-USD");

    private final Map<Pair, PriceQuote> quotes = new ConcurrentHashMap<>();
    private final Map<String, Bar> bars = new ConcurrentHashMap<>();
    private final Map<String, Bar> closed = new ConcurrentHashMap<>();
    final MarketChannels channels;

    MarketFixture() {
        this(Map.of());
    }

    MarketFixture(Map<String, String> settings) {
        channels = new MarketChannels(new FixedPrices(), new FixedCharts(),
                new StreamSettings(name -> Optional.ofNullable(settings.get(name))));
        channels.start();
    }

    /** A protocol on a connection whose frames are recorded and whose sends complete at once. */
    StreamProtocol protocol(TokenVerifier tokens, Clock clock) {
        return new StreamProtocol(tokens, clock, channels, new AccountChannel(), channels.open(new RecordingTransport(true)));
    }

    /** Sets the pair's price and fires the update as the pricing module would. */
    void price(Pair pair, String price, Instant at) {
        quotes.put(pair, new PriceQuote(pair, new BigDecimal(price), BigDecimal.ZERO, at, at, false, List.of(),
                List.of()));
        channels.on(new PriceUpdated(pair, new BigDecimal(price), BigDecimal.ZERO, at));
    }

    /** The pair loses its price, and the outage is fired as the pricing module would. */
    void unavailable(Pair pair, String reason, Instant at) {
        quotes.remove(pair);
        channels.on(new PriceUnavailable(pair, reason, at, false));
    }

    void liveBar(Bar bar) {
        bars.put(bar.pair() + bar.interval().code(), bar);
    }

    /** The bar closed: it is the pair's latest of its interval until the next one opens. */
    void closedBar(Bar bar) {
        bars.remove(bar.pair() + bar.interval().code());
        closed.put(bar.pair() + bar.interval().code(), bar);
    }

    @Override
    public void close() {
        channels.stop();
    }

    /** Waits up to 5 s for the fan-out and sender threads. */
    static void eventually(BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition met within 5 s").isLessThan(deadline);
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /**
     * Frames a connection sent, in order. Sends complete at once (and a sender of its own runs on the caller's
     * thread), or, past the first {@code atOnce}, block until {@link #release} lets one complete or the connection is
     * closed (then they fail, as a closed session's blocked write does).
     */
    static class RecordingTransport implements Outbound.Transport {
        final List<String> frames = new CopyOnWriteArrayList<>();
        final AtomicInteger sendersStarted = new AtomicInteger();
        volatile int closeCode;
        volatile String closeReason;
        private final int atOnce;
        private final Semaphore released = new Semaphore(0);

        RecordingTransport(boolean completeAtOnce) {
            this(completeAtOnce ? Integer.MAX_VALUE : 0);
        }

        RecordingTransport(int atOnce) {
            this.atOnce = atOnce;
        }

        @Override
        public void send(String text) throws IOException {
            frames.add(text);
            if (frames.size() <= atOnce) {
                return;
            }
            released.acquireUninterruptibly();
            if (closeCode != 0) {
                throw new IOException("closed while the send waited");
            }
        }

        @Override
        public void startSender(Runnable sender) {
            sendersStarted.incrementAndGet();
            if (atOnce == Integer.MAX_VALUE) {
                sender.run();
            } else {
                Thread.ofVirtual().start(sender);
            }
        }

        @Override
        public void close(int code, String reason) {
            closeReason = reason;
            closeCode = code;
            released.release(Integer.MAX_VALUE / 2); // the waiting send and every later one fail
        }

        /** Completes the oldest send still waiting. */
        void release() {
            released.release();
        }
    }

    private final class FixedPrices implements Prices {
        @Override
        public List<Pair> pairs() {
            return List.of(ETH_USD, USDC_USD);
        }

        @Override
        public PriceQuote latest(Pair pair) {
            return status(pair).quote().orElseThrow();
        }

        @Override
        public PairStatus status(Pair pair) {
            if (!pairs().contains(pair)) {
                throw new DomainException(PricingError.UNKNOWN_PAIR, "not priced: " + pair);
            }
            PriceQuote quote = quotes.get(pair);
            return new PairStatus(pair, Optional.ofNullable(quote), quote == null ? "no source has answered yet" : "",
                    List.of(), quote == null ? Instant.EPOCH : quote.observedAt());
        }
    }

    private final class FixedCharts implements Charts {
        @Override
        public List<Bar> bars(Pair pair, Interval interval, Optional<Instant> from, Instant to, int limit) {
            return latestBar(pair, interval).map(List::of).orElse(List.of());
        }

        @Override
        public boolean hasHistory(Pair pair) {
            return bars.keySet().stream().anyMatch(key -> key.startsWith(pair.toString()));
        }

        @Override
        public Optional<Bar> liveBar(Pair pair, Interval interval) {
            return Optional.ofNullable(bars.get(pair + interval.code()));
        }

        @Override
        public Optional<Bar> latestBar(Pair pair, Interval interval) {
            return liveBar(pair, interval).or(() -> Optional.ofNullable(closed.get(pair + interval.code())));
        }
    }
}

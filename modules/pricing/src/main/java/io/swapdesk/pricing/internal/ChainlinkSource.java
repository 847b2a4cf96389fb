package io.swapdesk.pricing.internal;

import io.swapdesk.chains.ChainsError;
import io.swapdesk.chains.FeedRound;
import io.swapdesk.chains.PriceFeeds;
import io.swapdesk.platform.DomainException;
import io.swapdesk.pricing.Pair;
import io.swapdesk.pricing.SourcePrice.Status;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Chainlink-interface aggregators ({@code latestRoundData}, {@code decimals}) on the configured EVM
 * chains, read through the chains module's {@link PriceFeeds}. Each feed is its own source,
 * named {@code chainlink@<chain id>} ({@code simulated-market@<chain id>} when the simulated market
 * drives it). A round is refused when its answer is not positive, when it was carried over
 * ({@code answeredInRound < roundId}) or never updated; it goes stale after the feed's heartbeat (its own, given
 * as {@code <chain id>:<address>:<seconds>}, or {@code pricing.chainlink.heartbeat-seconds}; judged at aggregation).
 *
 * <p>Fault tolerance, on {@link #fetch()}: each RPC call is bounded by {@code chains.rpc-timeout-ms};
 * the whole fetch by {@code @Timeout}. The feeds are read at the same time, each on a virtual thread
 * of its own, and a fetch waits for their answers at most {@link #ANSWER_WAIT}, under that timeout: a
 * feed that has not answered by then is that feed's {@code FAILED} reading, and the answers of the
 * others are kept. So a chain that accepts connections and never answers costs its own feeds, not the
 * other chains' (read one after another, two such feeds would have used up the whole fetch's time).
 * The circuit breaker opens when most fetches fail with {@link SourceUnavailableException} (every
 * feed's chain unreachable) or time out; a single feed's failure does not count, so one dead chain
 * does not stop the feeds on other chains. No retry: the next scheduled fetch is the retry.
 */
@ApplicationScoped
public class ChainlinkSource implements PriceSource {

    static final String KIND = "chainlink";
    static final String SIMULATED_NAME = "simulated-market";
    /** How long a fetch waits for its feeds' answers: a second under the {@code @Timeout} of {@link #fetch()}. */
    static final Duration ANSWER_WAIT = Duration.ofSeconds(4);

    private final PriceFeeds feeds;
    private final Map<Pair, List<PricingSettings.ChainlinkFeed>> configured;
    private final Duration heartbeat;
    private final Duration refresh;
    private final Set<Pair> simulatedPairs;
    private final Clock clock;
    private final Duration answerWait;
    private final ExecutorService reads = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("chainlink-read-", 0).factory());

    /** For the CDI client proxy only. */
    protected ChainlinkSource() {
        this.feeds = null;
        this.configured = Map.of();
        this.heartbeat = null;
        this.refresh = null;
        this.simulatedPairs = Set.of();
        this.clock = null;
        this.answerWait = null;
    }

    @Inject
    public ChainlinkSource(PriceFeeds feeds, PricingSettings settings, Clock clock) {
        this(feeds, settings.chainlinkFeeds(), settings.chainlinkHeartbeat(), settings.chainlinkRefresh(),
                settings.simulation().enabled() ? settings.simulation().startPrices().keySet() : Set.of(), clock,
                ANSWER_WAIT);
    }

    ChainlinkSource(PriceFeeds feeds, Map<Pair, List<PricingSettings.ChainlinkFeed>> configured, Duration heartbeat,
                    Duration refresh, Set<Pair> simulatedPairs, Clock clock, Duration answerWait) {
        this.answerWait = Objects.requireNonNull(answerWait, "answerWait");
        this.feeds = Objects.requireNonNull(feeds, "feeds");
        this.configured = Map.copyOf(configured);
        this.heartbeat = Objects.requireNonNull(heartbeat, "heartbeat");
        this.refresh = Objects.requireNonNull(refresh, "refresh");
        this.simulatedPairs = Set.copyOf(simulatedPairs);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public Set<Pair> pairs() {
        return configured.keySet();
    }

    @Override
    public Duration refreshInterval() {
        return refresh;
    }

    @Override
    @Timeout(value = 5, unit = ChronoUnit.SECONDS)
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.75, delay = 10, delayUnit = ChronoUnit.SECONDS,
            failOn = {SourceUnavailableException.class, TimeoutException.class})
    public List<Reading> fetch() {
        List<Pending> pending = new ArrayList<>();
        configured.forEach((pair, list) -> list.forEach(feed ->
                pending.add(new Pending(pair, feed, reads.submit(() -> read(pair, feed))))));
        long deadline = System.nanoTime() + answerWait.toNanos();
        List<Reading> readings = new ArrayList<>();
        int unreachable = 0;
        String lastFailure = "";
        try {
            for (Pending feed : pending) {
                Reading reading = await(feed, deadline);
                if (reading instanceof Reading.Rejected rejected && rejected.status() == Status.FAILED) {
                    unreachable++;
                    lastFailure = rejected.reason();
                }
                readings.add(reading);
            }
        } catch (InterruptedException e) {
            // The fetch's @Timeout gave up on it: no reading of this fetch is used.
            Thread.currentThread().interrupt();
            throw new SourceUnavailableException("interrupted while reading the feeds");
        } finally {
            pending.forEach(feed -> feed.answer().cancel(true));
        }
        if (unreachable > 0 && unreachable == readings.size()) {
            throw new SourceUnavailableException("no feed could be read; last: " + lastFailure);
        }
        return readings;
    }

    @PreDestroy
    void stop() {
        reads.shutdownNow();
    }

    /**
     * A feed's reading, or its {@code FAILED} reading when it has not answered by the deadline (its read goes on
     * until the RPC timeout ends it, and is not used).
     */
    private Reading await(Pending feed, long deadlineNanos) throws InterruptedException {
        try {
            return feed.answer().get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            return failed(feed.pair(), feed.feed(), "no answer within " + answerWait.toMillis() + " ms");
        } catch (ExecutionException e) {
            return failed(feed.pair(), feed.feed(), "the read failed: " + e.getCause());
        }
    }

    /** One feed's read under way. */
    private record Pending(Pair pair, PricingSettings.ChainlinkFeed feed, Future<Reading> answer) {
    }

    private Reading failed(Pair pair, PricingSettings.ChainlinkFeed feed, String why) {
        return new Reading.Rejected(name(pair, feed), pair, Status.FAILED, feed.address() + ": " + why,
                Optional.empty(), Optional.empty(), clock.instant(), simulatedPairs.contains(pair));
    }

    private Reading read(Pair pair, PricingSettings.ChainlinkFeed feed) {
        String name = name(pair, feed);
        boolean simulated = simulatedPairs.contains(pair);
        FeedRound round;
        try {
            round = feeds.latestRound(feed.chain(), feed.address());
        } catch (DomainException e) {
            Status status = e.code() == ChainsError.CALL_REVERTED ? Status.INVALID : Status.FAILED;
            return new Reading.Rejected(name, pair, status, feed.address() + ": " + e.detail(), Optional.empty(),
                    Optional.empty(), clock.instant(), simulated);
        }
        Instant fetchedAt = clock.instant();
        Optional<String> refusal = refusal(round);
        if (refusal.isPresent()) {
            return new Reading.Rejected(name, pair, Status.INVALID, refusal.get(), Optional.of(round.price()),
                    Optional.of(round.updatedAt()), fetchedAt, simulated);
        }
        return new Reading.Priced(name, pair, round.price(), BigDecimal.ZERO, round.updatedAt(),
                feed.heartbeat().orElse(heartbeat), fetchedAt, simulated);
    }

    /** The checks of a round that do not depend on time; staleness is judged at aggregation. */
    static Optional<String> refusal(FeedRound round) {
        if (round.answer().signum() <= 0) {
            return Optional.of("round " + round.roundId() + " answered " + round.price().toPlainString()
                    + ", not a positive price");
        }
        if (round.answeredInRound().compareTo(round.roundId()) < 0) {
            return Optional.of("round " + round.roundId() + " carries the answer of round " + round.answeredInRound());
        }
        if (round.updatedAt().equals(Instant.EPOCH)) {
            return Optional.of("round " + round.roundId() + " was never updated");
        }
        return Optional.empty();
    }

    private String name(Pair pair, PricingSettings.ChainlinkFeed feed) {
        return (simulatedPairs.contains(pair) ? SIMULATED_NAME : KIND) + "@" + feed.chain();
    }
}

package io.swapdesk.pricing.internal;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Shutdown;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceException;
import org.eclipse.microprofile.metrics.MetricRegistry;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * On the server that holds the pricing lease ({@link PriceLease}), drives every configured price source on its own
 * schedule and the aggregation once a second besides, on daemon threads started with the application and stopped
 * with it. A source is fetched every refresh interval, start to start, so a 100 ms source gives ten prices a second
 * however long a fetch takes; a fetch that takes longer than the interval is followed by the next one at once, never
 * by a burst of the ones it overran (a source that was slow is not then flooded). A failing fetch is counted and logged when the source's state
 * changes, never thrown out of the schedule (which would cancel it).
 */
@ApplicationScoped
public class PriceRefresher {

    private static final Logger LOG = Logger.getLogger(PriceRefresher.class.getName());
    private static final Duration AGGREGATION_INTERVAL = Duration.ofSeconds(1);

    private final List<PriceSource> sources;
    private final PriceBoard board;
    private final PricingMetrics metrics;
    private final BooleanSupplier computing;
    private final Map<String, String> failing = new ConcurrentHashMap<>();
    private ScheduledExecutorService scheduler;

    /** For the CDI client proxy only. */
    protected PriceRefresher() {
        this.sources = List.of();
        this.board = null;
        this.metrics = null;
        this.computing = null;
    }

    @Inject
    public PriceRefresher(ChainlinkSource chainlink, PythSource pyth, PriceBoard board, MetricRegistry registry,
                          Clock clock, PriceLease lease) {
        this(List.of(chainlink, pyth), board, new PricingMetrics(registry, clock), lease::leader);
    }

    /** @param computing whether this server computes prices now (holds the pricing lease); else it does nothing */
    PriceRefresher(List<PriceSource> sources, PriceBoard board, PricingMetrics metrics, BooleanSupplier computing) {
        this.sources = List.copyOf(sources);
        this.board = board;
        this.metrics = metrics;
        this.computing = computing;
    }

    void start(@Observes Startup startup) {
        start();
    }

    synchronized void start() {
        List<PriceSource> active = sources.stream().filter(source -> !source.pairs().isEmpty()).toList();
        ClassLoader application = Thread.currentThread().getContextClassLoader();
        scheduler = Executors.newScheduledThreadPool(active.size() + 1, runnable -> {
            Thread thread = Thread.ofPlatform().name("pricing-refresh").daemon().unstarted(runnable);
            // Observers of PriceUpdated run on these threads; let them see the application's classes.
            thread.setContextClassLoader(application);
            return thread;
        });
        for (PriceSource source : active) {
            ScheduledExecutorService mine = scheduler;
            mine.execute(() -> refreshEvery(mine, source, source.refreshInterval().toNanos()));
            LOG.info(() -> "pricing: " + source.kind() + " refreshes " + source.pairs() + " every "
                    + source.refreshInterval().toMillis() + " ms");
        }
        scheduler.scheduleWithFixedDelay(this::aggregate, AGGREGATION_INTERVAL.toMillis(),
                AGGREGATION_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Fetches now, then schedules the next fetch one interval after this one started (or at once, if that has passed). */
    private void refreshEvery(ScheduledExecutorService on, PriceSource source, long intervalNanos) {
        long started = System.nanoTime();
        try {
            refresh(source);
        } finally {
            // Even after an Error: the executor would keep it to itself, and the source would never be fetched again.
            long wait = Math.max(0, intervalNanos - (System.nanoTime() - started));
            try {
                on.schedule(() -> refreshEvery(on, source, intervalNanos), wait, TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException e) {
                // stopping
            }
        }
    }

    void refresh(PriceSource source) {
        if (!computing.getAsBoolean()) {
            return; // another server holds the pricing lease; its aggregates arrive over the relay
        }
        long started = System.nanoTime();
        boolean ok = false;
        try {
            List<Reading> readings = source.fetch();
            ok = true;
            recovered(source);
            board.accept(readings);
        } catch (SourceUnavailableException | FaultToleranceException e) {
            // FaultToleranceException: the @Timeout fired, or the circuit breaker is open.
            failed(source, e.getClass().getSimpleName() + ": " + e.getMessage());
        } catch (RuntimeException | Error e) {
            LOG.log(Level.SEVERE, "pricing: " + source.kind() + " fetch failed unexpectedly", e);
        } finally {
            metrics.fetched(source.kind(), ok, Duration.ofNanos(System.nanoTime() - started));
        }
    }

    private void aggregate() {
        if (!computing.getAsBoolean()) {
            return;
        }
        try {
            board.aggregate();
        } catch (RuntimeException | Error e) {
            // Not rethrown: an exception out of a task scheduled with a fixed delay cancels all its later runs,
            // without a word, and every price would go stale.
            LOG.log(Level.SEVERE, "pricing: aggregation failed", e);
        }
    }

    private void failed(PriceSource source, String reason) {
        if (failing.put(source.kind(), reason) == null) {
            LOG.warning(() -> "pricing: source " + source.kind() + " is failing: " + reason);
        }
    }

    private void recovered(PriceSource source) {
        if (failing.remove(source.kind()) != null) {
            LOG.info(() -> "pricing: source " + source.kind() + " answers again");
        }
    }

    /** Stops before the persistence unit and the datasources close under it ({@code @PreDestroy} may come after). */
    void stopOnShutdown(@Observes Shutdown shutdown) {
        stop();
    }

    @PreDestroy
    synchronized void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
        }
    }
}

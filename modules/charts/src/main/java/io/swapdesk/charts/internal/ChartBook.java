package io.swapdesk.charts.internal;

import io.swapdesk.charts.Bar;
import io.swapdesk.charts.Charts;
import io.swapdesk.charts.Interval;
import io.swapdesk.platform.BatchWriter;
import io.swapdesk.platform.DomainException;
import io.swapdesk.platform.PlatformError;
import io.swapdesk.pricing.Pair;
import io.swapdesk.pricing.PriceUpdated;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * The charts module at work: every tick updates the live bars of its pair ({@link LiveBars}, in memory); bars that
 * close are queued ({@link BatchWriter}, bounded) and stored in batches by a writer thread ({@link BarStore}); history
 * is read from {@code charts.bars} with the bars memory still holds laid over it.
 *
 * <p>With several servers, every server builds the same live bars from the same ticks (relayed ones included, see
 * {@code PriceUpdated.relayed}), but only the server that computed the ticks stores the bars they close; the others
 * forget a bar as it closes and read it back from the table.
 *
 * <p>Threads: {@link #on} runs on the price refresh thread, which waits for it, so it only updates memory and queues
 * (never blocks; a full queue drops bars and counts them in {@code charts_bars_dropped_total}). A clock thread closes,
 * once a second, the bars of pairs whose ticks stopped. On shutdown the open bars are stored as they stand and the
 * queue is written within 10 s; after a restart the rest of each interval joins the stored part. A bar this server
 * built from its interval's first tick replaces a stored part instead (another server's copy of the same ticks,
 * stored as it stopped and handed the pricing lease over): joined, its ticks would count twice.
 */
@ApplicationScoped
class ChartBook implements Charts {

    private static final Logger LOG = Logger.getLogger(ChartBook.class.getName());
    private static final Metadata LATE = Metadata.builder().withName("charts.ticks.late")
            .withDescription("Ticks that arrived after their bar had closed, counted once per interval").build();
    private static final Metadata STORED = Metadata.builder().withName("charts.bars.stored")
            .withDescription("Closed bars stored in charts.bars").build();
    private static final Metadata DROPPED = Metadata.builder().withName("charts.bars.dropped")
            .withDescription("Closed bars not stored, by reason: queue_full, write_failed, shutdown").build();

    private final LiveBars live = new LiveBars();
    /** Pairs whose last tick was relayed: another server (the pricing lease holder) stores their bars. */
    private final java.util.Set<Pair> relayedPairs = java.util.concurrent.ConcurrentHashMap.newKeySet();

    @Inject
    BarStore store;

    @Inject
    Clock clock;

    @Inject
    MetricRegistry metrics;

    /** How long after its interval a bar without a following tick is closed: room for ticks observed just before. */
    @Inject
    @ConfigProperty(name = "charts.close-grace-ms", defaultValue = "2000")
    long closeGraceMillis;

    @Inject
    @ConfigProperty(name = "charts.write-queue-capacity", defaultValue = "20000")
    int writeQueueCapacity;

    private BatchWriter<Bar> writer;
    private ScheduledExecutorService clockThread;

    @PostConstruct
    void start() {
        writer = new BatchWriter<>("charts-bars", writeQueueCapacity, 500, 5, this::store, new BatchWriter.Listener() {
            @Override
            public void written(int records) {
                metrics.counter(STORED).inc(records);
            }

            @Override
            public void dropped(int records) {
                countDropped("queue_full", records);
            }

            @Override
            public void failed(int records, Exception cause) {
                countDropped("write_failed", records);
            }
        });
        clockThread = Executors.newSingleThreadScheduledExecutor(
                task -> Thread.ofPlatform().name("charts-clock").daemon(true).unstarted(task));
        clockThread.scheduleWithFixedDelay(this::closeDue, 1, 1, TimeUnit.SECONDS);
    }

    /** Synchronous, outside any transaction, on the refresh thread: memory and a queue, nothing that waits. */
    void on(@Observes PriceUpdated tick) {
        LiveBars.Recorded recorded = live.record(tick.pair(), tick.price(), tick.observedAt());
        if (tick.relayed()) {
            relayedPairs.add(tick.pair());
        } else {
            relayedPairs.remove(tick.pair());
        }
        offerOrForget(recorded.closed());
        if (recorded.late() > 0) {
            metrics.counter(LATE).inc(recorded.late());
        }
    }

    @PreDestroy
    void stop() {
        clockThread.shutdownNow();
        closeDue();
        offerOrForget(live.takeOpen());
        int left = writer.close(Duration.ofSeconds(10));
        if (left > 0) {
            countDropped("shutdown", left);
        }
    }

    @Override
    public List<Bar> bars(Pair pair, Interval interval, Optional<Instant> from, Instant to, int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be 1 to " + MAX_LIMIT + "; got " + limit);
        }
        Instant lower = interval.startOf(from.orElse(Instant.EPOCH));
        if (lower.isAfter(to)) {
            return List.of();
        }
        // Memory first: a bar closing now moves from "live" to "closed, not stored" to the table, and reading in
        // that order sees it at least once.
        List<Bar> inMemory = new ArrayList<>(2);
        live.closedNotStored(pair, interval).ifPresent(inMemory::add);
        live.live(pair, interval).ifPresent(inMemory::add);
        List<Bar> stored;
        try {
            stored = store.latest(pair, interval, lower, to, limit);
        } catch (SQLException e) {
            LOG.log(Level.WARNING, "reading charts.bars failed", e);
            throw new DomainException(PlatformError.SERVICE_UNAVAILABLE,
                    "Bar history is unavailable (the database did not answer); retry later.");
        }
        TreeMap<Instant, Bar> byStart = new TreeMap<>();
        stored.forEach(bar -> byStart.put(bar.start(), bar));
        for (Bar bar : inMemory) {
            if (!bar.start().isBefore(lower) && !bar.start().isAfter(to)) {
                if (live.sawWholeInterval(bar)) {
                    byStart.put(bar.start(), bar); // a stored row is an earlier copy of some of its ticks
                } else {
                    byStart.merge(bar.start(), bar, Bar::followedBy); // the stored row is its part before a restart
                }
            }
        }
        List<Bar> all = new ArrayList<>(byStart.values());
        return all.subList(Math.max(0, all.size() - limit), all.size());
    }

    @Override
    public boolean hasHistory(Pair pair) {
        if (live.hasTicks(pair)) {
            return true;
        }
        try {
            return store.hasAny(pair);
        } catch (SQLException e) {
            LOG.log(Level.WARNING, "reading charts.bars failed", e);
            throw new DomainException(PlatformError.SERVICE_UNAVAILABLE,
                    "Bar history is unavailable (the database did not answer); retry later.");
        }
    }

    @Override
    public Optional<Bar> liveBar(Pair pair, Interval interval) {
        return live.live(pair, interval);
    }

    @Override
    public Optional<Bar> latestBar(Pair pair, Interval interval) {
        return live.latest(pair, interval);
    }

    private void closeDue() {
        try {
            offerOrForget(live.closeDue(clock.instant(), Duration.ofMillis(closeGraceMillis)));
        } catch (RuntimeException | Error e) {
            LOG.log(Level.WARNING, "closing due bars failed", e);
        }
    }

    /**
     * Queues closed bars for storing, except those of pairs this server only relays: the lease holder stores them
     * (the same bars, built from the same ticks), and history reads them from the table.
     */
    private void offerOrForget(List<Bar> closed) {
        List<Bar> relayed = new ArrayList<>(0);
        for (Bar bar : closed) {
            if (relayedPairs.contains(bar.pair())) {
                relayed.add(bar);
            } else {
                writer.offer(bar);
            }
        }
        if (!relayed.isEmpty()) {
            live.stored(relayed);
        }
    }

    private void store(List<Bar> bars) throws Exception {
        store.write(bars, live::sawWholeInterval);
        live.stored(bars);
    }

    private void countDropped(String reason, int records) {
        metrics.counter(DROPPED, new Tag("reason", reason)).inc(records);
    }
}

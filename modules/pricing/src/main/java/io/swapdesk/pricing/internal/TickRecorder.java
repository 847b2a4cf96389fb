package io.swapdesk.pricing.internal;

import io.swapdesk.platform.BatchWriter;
import io.swapdesk.pricing.PriceUpdated;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Shutdown;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.UserTransaction;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * Stores every {@link PriceUpdated} computed on this server (not the relayed ones: the pricing lease holder records
 * each tick once for every server) as a row of {@code pricing.ticks} (V5: partitioned by UTC day).
 *
 * <p>The event arrives on the price refresh thread, which waits for its observers: {@link #on} only queues the tick
 * ({@link BatchWriter}, bounded, never blocking). One writer thread stores the queue in batches of up to 1000, each
 * batch in a JTA transaction of its own. When the database is slower than the ticks, the queue fills and further
 * ticks are dropped and counted ({@code pricing_ticks_dropped_total{reason="queue_full"}}); the price refresh never
 * waits. On shutdown the queue is written within 10 s; what is left is logged and counted.
 *
 * <p>Plain JDBC rather than JPA: a batch is one {@code INSERT … SELECT FROM unnest(arrays)} statement, one round
 * trip for a thousand rows, and ticks are write-only rows with no behaviour to map. The connection comes from the
 * JTA datasource and is enlisted in the batch's own transaction.
 *
 * <p>Retention: once a day the writer drops the partitions older than {@code pricing.ticks.retention-days}. Charts
 * do not need old ticks: their bars are rolled up as the ticks arrive.
 */
@ApplicationScoped
class TickRecorder {

    static final int MAX_BATCH = 1000;
    /** A tick this far from the server clock is a bug upstream; it would create a partition for a far-off day. */
    static final Duration PLAUSIBLE_SKEW = Duration.ofDays(1);

    private static final String INSERT = "INSERT INTO pricing.ticks (pair, observed_at, price, confidence)"
            + " SELECT pair, observed_at::timestamptz, price::numeric, confidence::numeric"
            + " FROM unnest(?::text[], ?::text[], ?::text[], ?::text[]) AS t(pair, observed_at, price, confidence)";

    private static final Metadata WRITTEN = Metadata.builder().withName("pricing.ticks.written")
            .withDescription("Price ticks stored in pricing.ticks").build();
    private static final Metadata DROPPED = Metadata.builder().withName("pricing.ticks.dropped")
            .withDescription("Price ticks not stored, by reason: queue_full (the database is behind),"
                    + " write_failed (a batch failed every attempt), implausible_time, shutdown").build();

    @Resource(lookup = "jdbc/swapdesk")
    DataSource dataSource;

    @Inject
    UserTransaction transaction;

    @Inject
    MetricRegistry metrics;

    @Inject
    Clock clock;

    @Inject
    @ConfigProperty(name = "pricing.ticks.queue-capacity", defaultValue = "50000")
    int queueCapacity;

    @Inject
    @ConfigProperty(name = "pricing.ticks.retention-days", defaultValue = "30")
    int retentionDays;

    private final Set<LocalDate> partitionsKnown = ConcurrentHashMap.newKeySet();
    private volatile LocalDate retentionAppliedOn;
    private BatchWriter<PriceUpdated> writer;

    @PostConstruct
    void start() {
        if (retentionDays < 1) {
            throw new IllegalStateException("pricing.ticks.retention-days must be at least 1; got " + retentionDays);
        }
        writer = new BatchWriter<>("pricing-ticks", queueCapacity, MAX_BATCH, 5, this::store, new BatchWriter.Listener() {
            @Override
            public void written(int records) {
                metrics.counter(WRITTEN).inc(records);
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
    }

    /** Synchronous, outside any transaction, on the refresh thread: queue and return. */
    void on(@Observes PriceUpdated tick) {
        if (tick.relayed()) {
            return; // the server that computed it records it
        }
        if (Duration.between(clock.instant(), tick.observedAt()).abs().compareTo(PLAUSIBLE_SKEW) > 0) {
            countDropped("implausible_time", 1);
            return;
        }
        writer.offer(tick);
    }

    /** Stops before the persistence unit and the datasources close under it ({@code @PreDestroy} may come after). */
    void stopOnShutdown(@Observes Shutdown shutdown) {
        stop();
    }

    @PreDestroy
    void stop() {
        int left = writer.close(Duration.ofSeconds(10));
        if (left > 0) {
            countDropped("shutdown", left);
        }
    }

    private void countDropped(String reason, int records) {
        metrics.counter(DROPPED, new Tag("reason", reason)).inc(records);
    }

    /** On the writer thread: one batch, one transaction. */
    private void store(List<PriceUpdated> batch) throws Exception {
        transaction.begin();
        try {
            try (Connection connection = dataSource.getConnection()) {
                ensurePartitions(connection, batch);
                insert(connection, batch);
                applyRetentionOncePerDay(connection);
            }
            transaction.commit();
        } catch (Exception e) {
            if (transaction.getStatus() != Status.STATUS_NO_TRANSACTION) {
                transaction.rollback();
            }
            partitionsKnown.clear(); // a rolled-back creation or drop did not happen
            retentionAppliedOn = null;
            throw e;
        }
    }

    private void ensurePartitions(Connection connection, List<PriceUpdated> batch) throws SQLException {
        Set<LocalDate> days = new TreeSet<>();
        batch.forEach(tick -> days.add(LocalDate.ofInstant(tick.observedAt(), ZoneOffset.UTC)));
        days.removeAll(partitionsKnown);
        if (days.isEmpty()) {
            return;
        }
        try (PreparedStatement ensure = connection.prepareStatement("SELECT pricing.ensure_tick_partition(?)")) {
            for (LocalDate day : days) {
                ensure.setObject(1, day);
                ensure.execute();
            }
        }
        partitionsKnown.addAll(days);
    }

    private static void insert(Connection connection, List<PriceUpdated> batch) throws SQLException {
        int size = batch.size();
        String[] pairs = new String[size];
        String[] times = new String[size];
        String[] prices = new String[size];
        String[] confidences = new String[size];
        for (int i = 0; i < size; i++) {
            PriceUpdated tick = batch.get(i);
            pairs[i] = tick.pair().toString();
            times[i] = tick.observedAt().toString();
            prices[i] = tick.price().toPlainString();
            confidences[i] = tick.confidence().toPlainString();
        }
        try (PreparedStatement statement = connection.prepareStatement(INSERT)) {
            Array[] arrays = {
                    connection.createArrayOf("text", pairs), connection.createArrayOf("text", times),
                    connection.createArrayOf("text", prices), connection.createArrayOf("text", confidences)};
            for (int i = 0; i < arrays.length; i++) {
                statement.setArray(i + 1, arrays[i]);
            }
            statement.executeUpdate();
        }
    }

    private void applyRetentionOncePerDay(Connection connection) throws SQLException {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        if (today.equals(retentionAppliedOn)) {
            return;
        }
        try (PreparedStatement drop = connection.prepareStatement("SELECT pricing.drop_tick_partitions_before(?)")) {
            drop.setObject(1, today.minusDays(retentionDays));
            drop.execute();
        }
        partitionsKnown.removeIf(day -> day.isBefore(today.minusDays(retentionDays)));
        retentionAppliedOn = today;
    }
}

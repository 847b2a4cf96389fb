package io.swapdesk.pricing.internal;

import io.swapdesk.pricing.Prices.PairStatus;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Shutdown;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import io.swapdesk.platform.PgListener;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * One server computes prices; the others relay them (docs/decisions/0010).
 *
 * <p><b>The lease</b> is a PostgreSQL session advisory lock on a dedicated connection outside JTA
 * ({@code jdbc/swapdesk-sessions}): held for as long as that session lives. Every {@code pricing.lease.check-ms}
 * a server without it tries {@code pg_try_advisory_lock}; the holder checks its session still answers. A holder that
 * stops (shutdown, crash, lost connection) ends its session, PostgreSQL releases the lock, and the next server to try
 * takes over within one check. While a server holds the lease, {@link PriceRefresher} fetches and aggregates; without
 * it, it does neither.
 *
 * <p><b>The relay.</b> The holder sends every pair's state after every aggregation as a {@code NOTIFY} on
 * {@value #CHANNEL} (in order, from one thread and one session, so PostgreSQL delivers them in order). Every server
 * {@code LISTEN}s; the others apply what they receive to their {@link PriceBoard}, which publishes it as a
 * {@code PriceUpdated} with {@code relayed = true}: their WebSocket clients, charts and quotes see the same stream as
 * the holder's, while ticks and closed bars are stored by the holder alone.
 *
 * <p>With {@code pricing.lease.enabled=false} the server always computes and relays nothing (a single server without
 * the sessions datasource).
 */
@ApplicationScoped
public class PriceLease {

    static final String CHANNEL = "swapdesk_prices";
    /** The advisory lock's key: "SwapDesk pricing", one per database. */
    static final long LOCK_KEY = 0x53_77_61_70_50_72_63_31L;

    private static final Logger LOG = Logger.getLogger(PriceLease.class.getName());
    private static final String NOTIFY = "SELECT pg_notify('" + CHANNEL + "', payload) FROM unnest(?::text[])"
            + " WITH ORDINALITY AS m(payload, n) ORDER BY n";
    private static final Metadata LEADER = Metadata.builder().withName("pricing.lease.held")
            .withDescription("1 while this server holds the pricing lease and computes prices, else 0").build();
    private static final Metadata RELAYED = Metadata.builder().withName("pricing.relay.messages")
            .withDescription("Pair states relayed between servers, by direction (sent, received) and outcome").build();

    @Resource(lookup = "jdbc/swapdesk-sessions")
    DataSource sessions;

    @Inject
    PriceBoard board;

    @Inject
    MetricRegistry metrics;

    @Inject
    @ConfigProperty(name = "pricing.lease.enabled", defaultValue = "true")
    boolean enabled;

    @Inject
    @ConfigProperty(name = "pricing.lease.check-ms", defaultValue = "1000")
    long checkMillis;

    private final String serverId = UUID.randomUUID().toString();
    private final BlockingQueue<String> outgoing = new ArrayBlockingQueue<>(10_000);
    private volatile boolean leader;
    private volatile boolean running;
    private Connection leaseSession;
    private Thread leaseThread;
    private Thread listenThread;

    void start(@Observes Startup startup) {
        registerGauge();
        if (!enabled) {
            leader = true;
            LOG.info("pricing: lease off (pricing.lease.enabled=false): this server computes prices and relays none");
            return;
        }
        if (checkMillis < 50 || checkMillis > 60_000) {
            throw new IllegalStateException("pricing.lease.check-ms must be 50 to 60000; got " + checkMillis);
        }
        board.relayTo(this::relay);
        running = true;
        ClassLoader application = Thread.currentThread().getContextClassLoader();
        leaseThread = Thread.ofPlatform().name("pricing-lease").daemon().unstarted(this::holdOrWait);
        leaseThread.setContextClassLoader(application);
        listenThread = Thread.ofPlatform().name("pricing-relay-listen").daemon().unstarted(this::listen);
        listenThread.setContextClassLoader(application);
        tryAcquire(); // at once, so that a lone server computes from its first refresh
        leaseThread.start();
        listenThread.start();
    }

    /** Whether this server computes prices now. */
    public boolean leader() {
        return leader;
    }

    /** Stops before the persistence unit and the datasources close under it ({@code @PreDestroy} may come after). */
    void stopOnShutdown(@Observes Shutdown shutdown) {
        stop();
    }

    @PreDestroy
    void stop() {
        running = false;
        if (leaseThread != null) {
            leaseThread.interrupt();
            listenThread.interrupt();
        }
        synchronized (this) {
            release("shutting down");
        }
    }

    /** On the refresh thread: queue and return; the lease thread sends. */
    private void relay(List<PairStatus> statuses) {
        if (!leader) {
            return;
        }
        for (PairStatus status : statuses) {
            if (!outgoing.offer(RelayCodec.encode(serverId, status))) {
                count("sent", "queue_full", 1);
            }
        }
    }

    private void holdOrWait() {
        while (running) {
            try {
                String first = outgoing.poll(checkMillis, TimeUnit.MILLISECONDS);
                List<String> batch = new ArrayList<>();
                if (first != null) {
                    batch.add(first);
                    outgoing.drainTo(batch, 999);
                }
                registerGauge();
                synchronized (this) {
                    if (leaseSession == null) {
                        outgoing.clear();
                        tryAcquire();
                    } else if (!batch.isEmpty()) {
                        send(batch);
                    } else {
                        check();
                    }
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "pricing: lease loop failed; retrying", e);
            }
        }
    }

    /**
     * Registers {@code pricing_lease_held}, or finds it registered. Asked again at every check: the registry is the
     * server's, and another application's copy of this bean stopping on the same server (an in-container test
     * deployment) takes the gauge of that name with it.
     */
    private void registerGauge() {
        metrics.gauge(LEADER, this, lease -> lease.leader ? 1 : 0);
    }

    private synchronized void tryAcquire() {
        if (leaseSession != null) {
            return;
        }
        Connection session = null;
        try {
            session = sessions.getConnection();
            session.setAutoCommit(true);
            try (PreparedStatement lock = session.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
                lock.setLong(1, LOCK_KEY);
                try (ResultSet result = lock.executeQuery()) {
                    result.next();
                    if (result.getBoolean(1)) {
                        leaseSession = session;
                        session = null;
                        leader = true;
                        LOG.info("pricing: this server holds the pricing lease: it computes prices and relays them");
                    }
                }
            }
        } catch (SQLException e) {
            LOG.log(Level.FINE, "pricing: the lease could not be tried", e);
        } finally {
            closeQuietly(session);
        }
    }

    private void check() {
        try (Statement ping = leaseSession.createStatement()) {
            ping.execute("SELECT 1");
        } catch (SQLException e) {
            release("its database session failed: " + e.getMessage());
        }
    }

    private void send(List<String> batch) {
        try (PreparedStatement notify = leaseSession.prepareStatement(NOTIFY)) {
            Array payloads = leaseSession.createArrayOf("text", batch.toArray());
            notify.setArray(1, payloads);
            notify.execute();
            count("sent", "ok", batch.size());
        } catch (SQLException e) {
            count("sent", "failed", batch.size());
            release("relaying failed: " + e.getMessage());
        }
    }

    private void release(String why) {
        if (leaseSession == null) {
            return;
        }
        leader = false;
        outgoing.clear();
        try (PreparedStatement unlock = leaseSession.prepareStatement("SELECT pg_advisory_unlock(?)")) {
            unlock.setLong(1, LOCK_KEY);
            unlock.execute();
        } catch (SQLException e) {
            // The session is gone, and the lock with it.
        }
        closeQuietly(leaseSession);
        leaseSession = null;
        LOG.warning(() -> "pricing: this server gave up the pricing lease (" + why + "); another server takes over");
    }

    private void listen() {
        boolean reported = false;
        while (running) {
            try (Connection session = sessions.getConnection()) {
                session.setAutoCommit(true);
                PgListener listener = PgListener.listen(session, CHANNEL);
                reported = false;
                while (running) {
                    for (String payload : listener.await((int) checkMillis)) {
                        receive(payload);
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (!running) {
                    return; // stopping: the beans it hands prices to may be gone already
                }
                if (!reported) {
                    LOG.log(Level.WARNING, "pricing: listening for relayed prices failed; retrying", e);
                    reported = true;
                }
            } catch (LinkageError e) {
                if (!running) {
                    return; // the application is stopping and its class loader with it
                }
                LOG.log(Level.SEVERE, "pricing: the PostgreSQL driver is not visible to the application (server.xml:"
                        + " classloader commonLibraryRef=\"postgresql\"), so relayed prices cannot be received", e);
                return;
            }
            if (running) {
                try {
                    Thread.sleep(checkMillis);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    private void receive(String payload) {
        if (leader) {
            return; // computing here; a late message of a previous holder is older than what this server computes
        }
        RelayCodec.Message message;
        try {
            message = RelayCodec.decode(payload);
        } catch (IllegalArgumentException e) {
            count("received", "malformed", 1);
            LOG.log(Level.WARNING, "pricing: a relay message could not be read", e);
            return;
        }
        if (message.from().equals(serverId)) {
            return;
        }
        count("received", board.applyRelayed(message.status()) ? "ok" : "unknown_pair", 1);
    }

    private void count(String direction, String outcome, int messages) {
        metrics.counter(RELAYED, new Tag("direction", direction), new Tag("outcome", outcome)).inc(messages);
    }

    private static void closeQuietly(Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                // nothing left to do
            }
        }
    }
}

package io.swapdesk.notifications.internal;

import io.swapdesk.platform.PgListener;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Shutdown;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import jakarta.transaction.UserTransaction;

import javax.sql.DataSource;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Takes users' events from the outbox to their WebSocket connections, on whichever server they are:
 *
 * <ol>
 *   <li>every server's dispatcher, one at a time (a transaction-scoped advisory lock, taken without waiting: a
 *       server that finds it taken leaves the rows to the holder), claims undispatched outbox rows, gives each the
 *       next {@code stream_seq}, sends {@code NOTIFY swapdesk_account '<user>:<stream_seq>'} for each row that
 *       belongs to a user, and marks the rows dispatched, all in one transaction: PostgreSQL
 *       delivers the notifications exactly when the rows are marked;</li>
 *   <li>every server LISTENs on a session connection of its own ({@code jdbc/swapdesk-sessions}), reads the event of
 *       a user it has followers for, and hands it to {@link AccountChannel}.</li>
 * </ol>
 *
 * A client that was disconnected misses nothing for good: it resumes with {@code since}, replayed from the outbox. A
 * server that lost its listening session, or could not read an event, catches its followers up from the outbox
 * once it listens again ({@link AccountChannel#catchUp}).
 *
 * <p>Why {@code stream_seq} and not the outbox's {@code seq}: {@code seq} is taken at insert, and the inserting
 * transactions commit in another order, so a row with a lower {@code seq} can become visible after one with a higher
 * {@code seq}. A client that had seen the higher one would skip it, live and on resume. The dispatch transactions
 * run one after the other, so the {@code stream_seq} they hand out grows in the order clients can see events.
 */
@ApplicationScoped
class OutboxDispatcher {

    static final String CHANNEL = "swapdesk_account";
    /** The advisory lock that makes dispatch transactions take turns: "SwapOut1", one per database. */
    static final long DISPATCH_LOCK_KEY = 0x53_77_61_70_4F_75_74_31L;

    private static final Logger LOG = Logger.getLogger(OutboxDispatcher.class.getName());
    private static final int BATCH = 200;
    private static final long DISPATCH_PAUSE_MS = 100;
    private static final int LISTEN_WAIT_MS = 500;
    private static final long RECONNECT_PAUSE_MS = 1000;

    @Resource(lookup = "jdbc/swapdesk")
    DataSource database;

    @Resource(lookup = "jdbc/swapdesk-sessions")
    DataSource sessions;

    @Resource
    UserTransaction transaction;

    @Inject
    AccountChannel channel;

    @Inject
    AccountEvents events;

    /** Touched by the listening thread only. */
    private final Set<UUID> behind = new HashSet<>();
    private volatile boolean running;
    private Thread dispatcher;
    private Thread listener;

    void start(@Observes Startup startup) {
        running = true;
        dispatcher = Thread.ofPlatform().name("outbox-dispatcher").daemon().start(this::dispatchLoop);
        listener = Thread.ofPlatform().name("account-listener").daemon().start(this::listenLoop);
    }

    /** Stops before the persistence unit closes under the threads ({@code @PreDestroy} may come after it). */
    void stopOnShutdown(@Observes Shutdown shutdown) {
        stop();
    }

    @PreDestroy
    void stop() {
        running = false;
        for (Thread thread : new Thread[] {dispatcher, listener}) {
            if (thread != null) {
                thread.interrupt();
            }
        }
    }

    private void dispatchLoop() {
        while (running) {
            try {
                if (dispatchBatch() < BATCH) {
                    Thread.sleep(DISPATCH_PAUSE_MS);
                }
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                LOG.log(Level.WARNING, "dispatching outbox events failed; retrying", e);
                pause(RECONNECT_PAUSE_MS);
            }
        }
    }

    /** One transaction: take the turn, claim, number, notify, mark. Returns how many rows it took. */
    int dispatchBatch() throws Exception {
        transaction.begin();
        try (Connection connection = database.getConnection()) {
            if (!takeTurn(connection)) {
                transaction.commit();
                return 0; // another server is dispatching; it takes these rows too
            }
            List<Long> claimed = new ArrayList<>();
            List<UUID> users = new ArrayList<>();
            try (PreparedStatement claim = connection.prepareStatement("SELECT seq, user_id FROM notifications.outbox "
                    + "WHERE dispatched_at IS NULL ORDER BY seq LIMIT " + BATCH + " FOR UPDATE");
                 ResultSet rows = claim.executeQuery()) {
                while (rows.next()) {
                    claimed.add(rows.getLong(1));
                    users.add((UUID) rows.getObject(2));
                }
            }
            if (!claimed.isEmpty()) {
                long last = AccountEvents.lastStreamSeq(connection);
                List<Long> streamSeqs = new ArrayList<>();
                List<String> notices = new ArrayList<>();
                for (int i = 0; i < claimed.size(); i++) {
                    long streamSeq = last + 1 + i;
                    streamSeqs.add(streamSeq);
                    if (users.get(i) != null) {
                        notices.add(users.get(i) + ":" + streamSeq);
                    }
                }
                mark(connection, claimed, streamSeqs);
                notify(connection, notices);
            }
            transaction.commit();
            return claimed.size();
        } catch (Exception e) {
            transaction.rollback();
            throw e;
        }
    }

    /**
     * Whether this transaction has the turn, held until commit or rollback. It does not wait for another server's
     * turn: that one dispatches the same rows, and a wait could hang on a holder that vanished mid-transaction.
     */
    private static boolean takeTurn(Connection connection) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement("SELECT pg_try_advisory_xact_lock(?)")) {
            lock.setLong(1, DISPATCH_LOCK_KEY);
            try (ResultSet taken = lock.executeQuery()) {
                taken.next();
                return taken.getBoolean(1);
            }
        }
    }

    private static void mark(Connection connection, List<Long> seqs, List<Long> streamSeqs) throws SQLException {
        try (PreparedStatement mark = connection.prepareStatement("UPDATE notifications.outbox o"
                + " SET dispatched_at = now(), stream_seq = c.stream_seq"
                + " FROM unnest(?::bigint[], ?::bigint[]) AS c(seq, stream_seq) WHERE o.seq = c.seq")) {
            mark.setArray(1, connection.createArrayOf("bigint", seqs.toArray()));
            mark.setArray(2, connection.createArrayOf("bigint", streamSeqs.toArray()));
            mark.executeUpdate();
        }
    }

    /** In stream order: PostgreSQL delivers one transaction's notifications in the order they were sent. */
    private static void notify(Connection connection, List<String> notices) throws SQLException {
        if (notices.isEmpty()) {
            return;
        }
        try (PreparedStatement notify = connection.prepareStatement("SELECT pg_notify('" + CHANNEL + "', notice)"
                + " FROM unnest(?::text[]) WITH ORDINALITY AS n(notice, i) ORDER BY i")) {
            notify.setArray(1, connection.createArrayOf("text", notices.toArray()));
            notify.execute();
        }
    }

    private void listenLoop() {
        while (running) {
            try (Connection session = sessions.getConnection()) {
                PgListener pg = PgListener.listen(session, CHANNEL);
                // What was published while this server was not listening: nobody here got its notice.
                behind.addAll(channel.followedUsers());
                while (running) {
                    catchUpBehind();
                    for (String notice : pg.await(LISTEN_WAIT_MS)) {
                        received(notice);
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (running) {
                    LOG.log(Level.WARNING, "listening for account events failed; reconnecting", e);
                    pause(RECONNECT_PAUSE_MS);
                }
            }
        }
    }

    private void received(String notice) {
        int colon = notice.indexOf(':');
        UUID user = UUID.fromString(notice.substring(0, colon));
        if (!channel.followed(user) || behind.contains(user)) {
            return; // a user who is behind gets this event with the catch-up, after the ones it missed
        }
        try {
            events.byStreamSeq(Long.parseLong(notice.substring(colon + 1))).ifPresent(channel::deliver);
        } catch (SQLException e) {
            behind.add(user);
            LOG.log(Level.WARNING, "reading account event " + notice + " failed; its followers catch up", e);
        }
    }

    /** Users whose followers may have missed events; retried every turn of the loop until a read succeeds. */
    private void catchUpBehind() {
        for (UUID user : List.copyOf(behind)) {
            try {
                channel.catchUp(user);
                behind.remove(user);
            } catch (SQLException e) {
                LOG.log(Level.FINE, "catching up account events of " + user + " failed; retrying", e);
                return;
            }
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

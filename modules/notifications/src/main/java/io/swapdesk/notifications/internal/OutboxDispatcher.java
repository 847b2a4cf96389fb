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
import java.util.List;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Takes users' events from the outbox to their WebSocket connections, on whichever server they are:
 *
 * <ol>
 *   <li>every server's dispatcher claims undispatched outbox rows ({@code FOR UPDATE SKIP LOCKED}, so any number of
 *       servers share the work and each row is claimed once), sends {@code NOTIFY swapdesk_account '<user>:<seq>'}
 *       for each row that belongs to a user, and marks the rows dispatched, all in one transaction: PostgreSQL
 *       delivers the notifications exactly when the rows are marked;</li>
 *   <li>every server LISTENs on a session connection of its own ({@code jdbc/swapdesk-sessions}), reads the event of
 *       a user it has followers for, and hands it to {@link AccountChannel}.</li>
 * </ol>
 *
 * A client that was disconnected (or a server that lost its listening session) misses nothing for good: it
 * resumes with {@code since}, replayed from the outbox.
 */
@ApplicationScoped
class OutboxDispatcher {

    static final String CHANNEL = "swapdesk_account";

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

    /** One transaction: claim, notify, mark. Returns how many rows it took. */
    int dispatchBatch() throws Exception {
        transaction.begin();
        try (Connection connection = database.getConnection()) {
            List<Long> claimed = new ArrayList<>();
            List<String> notices = new ArrayList<>();
            try (PreparedStatement claim = connection.prepareStatement("SELECT seq, user_id FROM notifications.outbox "
                    + "WHERE dispatched_at IS NULL ORDER BY seq LIMIT " + BATCH + " FOR UPDATE SKIP LOCKED");
                 ResultSet rows = claim.executeQuery()) {
                while (rows.next()) {
                    claimed.add(rows.getLong(1));
                    UUID user = (UUID) rows.getObject(2);
                    if (user != null) {
                        notices.add(user + ":" + rows.getLong(1));
                    }
                }
            }
            if (!notices.isEmpty()) {
                try (PreparedStatement notify = connection.prepareStatement(
                        "SELECT pg_notify('" + CHANNEL + "', notice) FROM unnest(?::text[]) AS notice")) {
                    Array array = connection.createArrayOf("text", notices.toArray());
                    notify.setArray(1, array);
                    notify.execute();
                }
            }
            if (!claimed.isEmpty()) {
                try (PreparedStatement mark = connection.prepareStatement(
                        "UPDATE notifications.outbox SET dispatched_at = now() WHERE seq = ANY (?)")) {
                    mark.setArray(1, connection.createArrayOf("bigint", claimed.toArray()));
                    mark.executeUpdate();
                }
            }
            transaction.commit();
            return claimed.size();
        } catch (Exception e) {
            transaction.rollback();
            throw e;
        }
    }

    private void listenLoop() {
        while (running) {
            try (Connection session = sessions.getConnection()) {
                PgListener pg = PgListener.listen(session, CHANNEL);
                while (running) {
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
        if (!channel.followed(user)) {
            return;
        }
        try {
            events.bySeq(Long.parseLong(notice.substring(colon + 1))).ifPresent(channel::deliver);
        } catch (SQLException e) {
            LOG.log(Level.WARNING, "reading account event " + notice + " failed; the client can resume with since", e);
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

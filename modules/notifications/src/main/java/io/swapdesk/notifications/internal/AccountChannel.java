package io.swapdesk.notifications.internal;

import io.swapdesk.identity.UserId;
import io.swapdesk.platform.Jsonp;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The {@code account} channel on this server: which connections follow which user, and delivery of that user's
 * events to them, in order, each once. A connection only ever receives events of the user its token names.
 *
 * <p>Resuming: a subscribe with {@code since} first replays the user's events after it from the outbox; live events
 * that arrive meanwhile wait until the replay is through, then follow without duplicates or gaps. A client more than
 * {@link AccountEvents#MAX_REPLAY} events behind is told to reload its state instead ({@link #reloadFrame}).
 *
 * <p>Catching up: a notice this server did not get (its listening session was down) or could not read is not lost to
 * a connected client; {@link #catchUp} reads from the outbox what each follower has not had, from its place in the
 * stream.
 */
@ApplicationScoped
class AccountChannel {

    private static final Logger LOG = Logger.getLogger(AccountChannel.class.getName());

    private final Map<UUID, Set<Follower>> followers = new ConcurrentHashMap<>();

    @Inject
    AccountEvents events;

    /**
     * @param stillEntitled whether the connection may still receive the user's events (token not expired, subscribed)
     * @param since         the last sequence number the client has seen; null for live events only
     */
    void follow(StreamConnection connection, UserId user, BooleanSupplier stillEntitled, Long since) {
        Follower follower = new Follower(connection, stillEntitled, since);
        followers.compute(user.value(), (id, ofUser) -> {
            Set<Follower> set = ofUser == null ? ConcurrentHashMap.newKeySet() : ofUser;
            set.removeIf(existing -> existing.connection == connection);
            set.add(follower);
            return set;
        });
        if (connection.outbound().isClosed()) {
            // Closed on another thread meanwhile: unfollow may have run before the follower was added.
            unfollow(connection);
            return;
        }
        if (since != null) {
            replay(follower, user, since);
        } else {
            startLive(follower);
        }
    }

    /**
     * Sends the user's events that their followers have not had: the notices this server missed while it was not
     * listening, or could not read. Live followers only; one still replaying gets them with its replay.
     */
    void catchUp(UUID user) throws SQLException {
        Set<Follower> set = followers.get(user);
        if (set == null) {
            return;
        }
        for (Follower follower : set) {
            long since = follower.caughtUpTo();
            if (since < 0) {
                continue;
            }
            List<AccountEvent> missed = events.after(user, since);
            if (missed.size() > AccountEvents.MAX_REPLAY) {
                follower.reload(reloadPosition(missed));
            } else {
                missed.forEach(event -> follower.live(event.seq(), event.frame()));
            }
        }
    }

    /** The users someone on this server follows. */
    Set<UUID> followedUsers() {
        Set<UUID> users = new HashSet<>();
        followers.forEach((user, set) -> {
            if (!set.isEmpty()) {
                users.add(user);
            }
        });
        return users;
    }

    /** Removes the connection's followers, and a user's entry once nobody here follows them. */
    void unfollow(StreamConnection connection) {
        for (UUID user : followers.keySet()) {
            followers.computeIfPresent(user, (id, set) -> {
                set.removeIf(follower -> follower.connection == connection);
                return set.isEmpty() ? null : set;
            });
        }
    }

    /** Users with an entry, followed or not: each closed follower's entry goes with it. */
    int usersTracked() {
        return followers.size();
    }

    /** Whether anyone on this server follows the user: no need to read the event otherwise. */
    boolean followed(UUID user) {
        Set<Follower> set = followers.get(user);
        return set != null && !set.isEmpty();
    }

    void deliver(AccountEvent event) {
        Set<Follower> set = followers.get(event.userId());
        if (set == null) {
            return;
        }
        String frame = event.frame();
        for (Follower follower : set) {
            if (!follower.entitled()) {
                set.remove(follower);
                continue;
            }
            follower.live(event.seq(), frame);
        }
        followers.computeIfPresent(event.userId(), (id, followed) -> followed.isEmpty() ? null : followed);
    }

    /**
     * A live follower's place in the stream is where the stream stood when it subscribed, so that a catch-up sends it
     * what it missed since then and not the user's history.
     */
    private void startLive(Follower follower) {
        try {
            follower.startAt(events.lastStreamSeq());
        } catch (SQLException e) {
            LOG.log(Level.WARNING, "reading the event stream's position failed; the client gets live events only", e);
        }
    }

    /**
     * Replays what the client missed, or, when that is more than {@link AccountEvents#MAX_REPLAY} events, tells it to
     * reload its state over REST and carries on from where the stream stands: a partial replay followed by live
     * events would leave a gap the client could not see (the seq is the stream's, not the user's, so it has gaps).
     */
    private void replay(Follower follower, UserId user, long since) {
        List<AccountEvent> missed;
        try {
            missed = events.after(user.value(), since);
            if (missed.size() > AccountEvents.MAX_REPLAY) {
                follower.reload(reloadPosition(missed));
                return;
            }
        } catch (SQLException e) {
            LOG.log(Level.WARNING, "replaying account events failed; the client gets live events only", e);
            missed = List.of();
        }
        follower.replayed(missed);
    }

    /**
     * Where a reload puts the client: where the stream stands, or, when that cannot be read, the last event read. The
     * client reloads after this frame, so its state holds every event up to either; the events after the last one
     * read that the stream already held may then come to it too, and it knows them by their id.
     */
    private long reloadPosition(List<AccountEvent> read) {
        try {
            return events.lastStreamSeq();
        } catch (SQLException e) {
            LOG.log(Level.WARNING, "reading the event stream's position failed; reloading from the last event read", e);
            return read.getLast().seq();
        }
    }

    /**
     * {@code {"channel":"account","type":"reload","seq":5120,"reason":"…"}}: the client's state may lack events up to
     * {@code seq}; events after it follow.
     */
    static String reloadFrame(long seq) {
        return Jsonp.createObjectBuilder()
                .add("channel", StreamProtocol.ACCOUNT)
                .add("type", "reload")
                .add("seq", seq)
                .add("reason", "more than " + AccountEvents.MAX_REPLAY + " events were missed: reload the account"
                        + " over REST (GET /api/quotes); the events after this seq follow")
                .build().toString();
    }

    /** One following connection, with its place in the user's event stream. */
    private static final class Follower {
        private final StreamConnection connection;
        private final BooleanSupplier stillEntitled;
        private final List<Object[]> heldBack = new ArrayList<>();
        private boolean replaying;
        private long lastSeq;
        /** Whether {@link #lastSeq} is a place in the stream a catch-up can start from. */
        private boolean placed;

        /** @param since the last seq the client has seen, from which it is replayed; null for live events only */
        Follower(StreamConnection connection, BooleanSupplier stillEntitled, Long since) {
            this.connection = connection;
            this.stillEntitled = stillEntitled;
            this.replaying = since != null;
            this.lastSeq = since == null ? 0 : since;
        }

        boolean entitled() {
            return !connection.outbound().isClosed() && stillEntitled.getAsBoolean();
        }

        synchronized void live(long seq, String frame) {
            if (replaying) {
                heldBack.add(new Object[] {seq, frame});
                return;
            }
            send(seq, frame);
        }

        synchronized void replayed(List<AccountEvent> missed) {
            missed.forEach(event -> send(event.seq(), event.frame()));
            goLive();
        }

        /**
         * Too far behind to replay: the client is told to reload, and its place becomes where the stream stands, so
         * that only what comes after follows (held back or live).
         */
        synchronized void reload(long streamSeq) {
            lastSeq = Math.max(lastSeq, streamSeq);
            connection.outbound().offer("account:reload:" + lastSeq, reloadFrame(lastSeq));
            goLive();
        }

        private void goLive() {
            heldBack.forEach(held -> send((Long) held[0], (String) held[1]));
            heldBack.clear();
            replaying = false;
            placed = true;
        }

        /** Events up to {@code streamSeq} came before the subscription; one that came meanwhile already went. */
        synchronized void startAt(long streamSeq) {
            lastSeq = Math.max(lastSeq, streamSeq);
            placed = true;
        }

        /** The last seq sent, or -1 while there is no place to catch up from (replaying, or not yet placed). */
        synchronized long caughtUpTo() {
            return replaying || !placed ? -1 : lastSeq;
        }

        /** Never coalesced (each event has its own key), never twice, never out of order. */
        private void send(long seq, String frame) {
            if (seq <= lastSeq) {
                return;
            }
            lastSeq = seq;
            connection.outbound().offer("account:" + seq, frame);
        }
    }
}

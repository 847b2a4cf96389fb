package io.swapdesk.notifications.internal;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Reads users' events from the outbox. Plain JDBC on the JTA datasource, each read in its own short local
 * transaction (autocommit): the account channel reads from threads that hold no transaction, and these are
 * single-statement reads.
 */
@ApplicationScoped
class AccountEvents {

    /** Most events one resume replays; a client further behind reloads its state over REST. */
    static final int MAX_REPLAY = 1000;

    private static final String COLUMNS = "stream_seq, user_id, id, event_type, payload::text, created_at";

    @Resource(lookup = "jdbc/swapdesk")
    DataSource database;

    Optional<AccountEvent> byStreamSeq(long streamSeq) throws SQLException {
        try (Connection connection = database.getConnection();
             PreparedStatement query = connection.prepareStatement(
                     "SELECT " + COLUMNS + " FROM notifications.outbox WHERE stream_seq = ? AND user_id IS NOT NULL")) {
            query.setLong(1, streamSeq);
            List<AccountEvent> events = read(query);
            return events.stream().findFirst();
        }
    }

    /** Where the published stream stands: the highest stream_seq handed out, 0 before the first. */
    long lastStreamSeq() throws SQLException {
        try (Connection connection = database.getConnection()) {
            return lastStreamSeq(connection);
        }
    }

    /** {@link #lastStreamSeq()} on the caller's connection (the dispatcher's, inside its turn). */
    static long lastStreamSeq(Connection connection) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT coalesce(max(stream_seq), 0) FROM notifications.outbox");
             ResultSet row = query.executeQuery()) {
            row.next();
            return row.getLong(1);
        }
    }

    /**
     * The user's published events after stream_seq {@code since}, in stream order, at most {@link #MAX_REPLAY} + 1:
     * more than {@link #MAX_REPLAY} says the client is further behind than a replay goes.
     */
    List<AccountEvent> after(UUID user, long since) throws SQLException {
        try (Connection connection = database.getConnection();
             PreparedStatement query = connection.prepareStatement("SELECT " + COLUMNS
                     + " FROM notifications.outbox WHERE user_id = ? AND stream_seq > ? ORDER BY stream_seq LIMIT "
                     + (MAX_REPLAY + 1))) {
            query.setObject(1, user);
            query.setLong(2, since);
            return read(query);
        }
    }

    private static List<AccountEvent> read(PreparedStatement query) throws SQLException {
        List<AccountEvent> events = new ArrayList<>();
        try (ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                Timestamp created = rows.getTimestamp(6);
                events.add(new AccountEvent(rows.getLong(1), (UUID) rows.getObject(2), (UUID) rows.getObject(3),
                        rows.getString(4), rows.getString(5), created.toInstant()));
            }
        }
        return events;
    }
}

package io.swapdesk.platform;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * PostgreSQL LISTEN through the driver's own API: the one place the modules touch a PostgreSQL driver type (the
 * price relay, the account events). Kept apart so that an application that cannot see the driver's classes fails
 * here, with a clear log line, and nowhere else. Use it on a connection of its own that is not in a JTA transaction
 * ({@code jdbc/swapdesk-sessions}).
 */
public final class PgListener {

    private final PGConnection connection;

    private PgListener(PGConnection connection) {
        this.connection = connection;
    }

    public static PgListener listen(Connection connection, String channel) throws SQLException {
        PgListener listener = new PgListener(connection.unwrap(PGConnection.class));
        try (Statement listen = connection.createStatement()) {
            listen.execute("LISTEN " + channel);
        }
        return listener;
    }

    /** The payloads that arrived, waiting up to {@code timeoutMillis} for the first. */
    public List<String> await(int timeoutMillis) throws SQLException {
        PGNotification[] notifications = connection.getNotifications(timeoutMillis);
        if (notifications == null || notifications.length == 0) {
            return List.of();
        }
        List<String> payloads = new ArrayList<>(notifications.length);
        for (PGNotification notification : notifications) {
            payloads.add(notification.getParameter());
        }
        return payloads;
    }
}

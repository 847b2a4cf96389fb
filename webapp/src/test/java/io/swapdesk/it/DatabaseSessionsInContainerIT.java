package io.swapdesk.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.annotation.Resource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Inside the server: the sessions its datasources open tell PostgreSQL to probe this server after 10 s of silence,
 * every 5 s, 3 times, and to give up on data unacknowledged for 25 s, so that the sessions of a server whose host
 * vanished end (and free their locks: the pricing lease among them) within about 25 s. PostgreSQL's own defaults,
 * from the system, are two hours of silence and about 15 minutes of retransmissions.
 */
@ExtendWith(ArquillianExtension.class)
class DatabaseSessionsInContainerIT {

    @Deployment
    static WebArchive deployment() {
        return Deployments.applicationWith();
    }

    @Resource(lookup = "jdbc/swapdesk")
    DataSource transactional;

    @Resource(lookup = "jdbc/swapdesk-sessions")
    DataSource sessions;

    @Test
    void theTransactionalSessionsAreProbedForADeadClient() throws SQLException {
        assertKeepalives(transactional);
    }

    @Test
    void theLeaseAndListenSessionsAreProbedForADeadClient() throws SQLException {
        assertKeepalives(sessions);
    }

    private static void assertKeepalives(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             Statement query = connection.createStatement();
             ResultSet row = query.executeQuery("SELECT current_setting('tcp_keepalives_idle'),"
                     + " current_setting('tcp_keepalives_interval'), current_setting('tcp_keepalives_count'),"
                     + " current_setting('tcp_user_timeout')")) {
            row.next();
            assertEquals("10", row.getString(1), "seconds of silence before the first probe");
            assertEquals("5", row.getString(2), "seconds between probes");
            assertEquals("3", row.getString(3), "probes unanswered before the session ends");
            assertEquals("25000", row.getString(4), "milliseconds data may wait for the client's acknowledgement");
        }
    }
}

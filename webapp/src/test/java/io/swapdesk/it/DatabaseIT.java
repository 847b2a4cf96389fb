package io.swapdesk.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The schema the server migrated before serving, checked over plain JDBC. */
class DatabaseIT {

    private static final List<String> MODULE_SCHEMAS =
            List.of("chains", "identity", "pricing", "quotes", "risk", "execution", "charts", "notifications");

    @Test
    void everyModuleHasItsOwnSchema() throws SQLException {
        assertThat(strings("SELECT schema_name FROM information_schema.schemata")).containsAll(MODULE_SCHEMAS);
    }

    @Test
    void everyMigrationWasAppliedSuccessfully() throws SQLException {
        List<String> failed = strings("SELECT script FROM public.flyway_schema_history WHERE NOT success");
        List<String> applied = strings("SELECT script FROM public.flyway_schema_history WHERE success");

        assertThat(failed).isEmpty();
        assertThat(applied).contains("V1__module_schemas.sql", "V2__risk_audit_log.sql", "V3__notifications_outbox.sql");
    }

    @Test
    void theAuditLogRefusesUpdatesAndDeletes() throws SQLException {
        UUID id = UUID.randomUUID();
        try (Connection connection = TestEnvironment.database()) {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO risk.audit_log"
                    + " (id, occurred_at, actor, action, subject) VALUES (?, now(), 'test', 'probe', 'append-only')")) {
                insert.setObject(1, id);
                insert.executeUpdate();
            }

            assertThatThrownBy(() -> execute(connection, "UPDATE risk.audit_log SET actor = 'forger' WHERE id = '" + id + "'"))
                    .hasMessageContaining("append-only");
            assertThatThrownBy(() -> execute(connection, "DELETE FROM risk.audit_log WHERE id = '" + id + "'"))
                    .hasMessageContaining("append-only");
        }
    }

    @Test
    void theOutboxRefusesAnEventTypeThatIsNotDottedLowerCase() throws SQLException {
        try (Connection connection = TestEnvironment.database()) {
            assertThatThrownBy(() -> execute(connection, "INSERT INTO notifications.outbox"
                    + " (id, event_type, subject, payload, created_at)"
                    + " VALUES (gen_random_uuid(), 'DROP TABLE', 's', '{}', now())"))
                    .hasMessageContaining("event_type");
        }
    }

    @Test
    void tickRetentionDropsWholeDaysBeforeTheCutoffAndKeepsTheRest() throws SQLException {
        // One transaction, rolled back at the end, holding the lock the partition functions take: a server applying
        // its own retention meanwhile waits, and nothing of this test stays behind.
        try (Connection connection = TestEnvironment.database()) {
            connection.setAutoCommit(false);
            try {
                execute(connection, "SELECT pg_advisory_xact_lock(hashtext('pricing.ticks partitions'))");
                for (String day : List.of("2001-01-01", "2001-01-02", "2001-01-03")) {
                    execute(connection, "SELECT pricing.ensure_tick_partition('" + day + "')");
                    execute(connection, "SELECT pricing.ensure_tick_partition('" + day + "')"); // twice: no error
                    execute(connection, "INSERT INTO pricing.ticks (pair, observed_at, price, confidence)"
                            + " VALUES ('RETAIN-USD', '" + day + "T12:00:00Z', 1, 0)");
                }

                assertThat(strings(connection, "SELECT pricing.drop_tick_partitions_before('2001-01-03')"))
                        .containsExactly("2");
                assertThat(strings(connection, "SELECT pricing.drop_tick_partitions_before('2001-01-03')"))
                        .as("dropped already").containsExactly("0");
                assertThat(strings(connection, "SELECT (observed_at AT TIME ZONE 'UTC')::date::text FROM pricing.ticks"
                        + " WHERE pair = 'RETAIN-USD'")).containsExactly("2001-01-03");
                assertThat(strings(connection, "SELECT count(*) FROM pg_class"
                        + " WHERE relname IN ('ticks_20010101', 'ticks_20010102', 'ticks_20010103')")).containsExactly("1");
            } finally {
                connection.rollback();
            }
        }
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static List<String> strings(String sql) throws SQLException {
        try (Connection connection = TestEnvironment.database()) {
            return strings(connection, sql);
        }
    }

    private static List<String> strings(Connection connection, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }
}

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

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static List<String> strings(String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection connection = TestEnvironment.database();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }
}

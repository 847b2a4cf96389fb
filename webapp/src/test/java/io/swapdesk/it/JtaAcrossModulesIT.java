package io.swapdesk.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.swapdesk.platform.Outbox;
import io.swapdesk.platform.OutboxMessage;
import io.swapdesk.risk.AuditEntry;
import io.swapdesk.risk.AuditLog;
import jakarta.annotation.Resource;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionalException;
import jakarta.transaction.UserTransaction;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;
import javax.sql.DataSource;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs inside the server: one JTA transaction that writes two modules' schemas (risk.audit_log and
 * notifications.outbox) through the modules' own services commits both or neither.
 */
@ExtendWith(ArquillianExtension.class)
class JtaAcrossModulesIT {

    @Deployment
    static WebArchive deployment() {
        return Deployments.applicationWith(TwoModuleWork.class, TwoModuleWork.SimulatedCrash.class);
    }

    @Inject
    AuditLog auditLog;

    @Inject
    Outbox outbox;

    @Inject
    TwoModuleWork work;

    @Inject
    UserTransaction transaction;

    @Resource(lookup = "jdbc/swapdesk")
    DataSource dataSource;

    @Test
    void bothSchemasCommitTogether() throws Exception {
        String marker = marker();

        work.auditAndPublish(marker, false);

        assertEquals(1, auditRows(marker));
        assertEquals(1, outboxRows(marker));
    }

    @Test
    void aFailureAfterBothWritesRollsBackBoth() throws Exception {
        String marker = marker();

        TwoModuleWork.SimulatedCrash crash =
                assertThrows(TwoModuleWork.SimulatedCrash.class, () -> work.auditAndPublish(marker, true));

        assertTrue(crash.getMessage().endsWith("rows seen 2"), "both rows were written before the crash");
        assertEquals(0, auditRows(marker));
        assertEquals(0, outboxRows(marker));
    }

    @Test
    void theDatabaseRefusingTheSecondSchemasRowRollsBackTheFirst() throws Exception {
        String marker = marker();

        assertThrows(RuntimeException.class, () -> work.auditThenFailInTheDatabase(marker));

        assertEquals(0, auditRows(marker));
        assertEquals(0, outboxRows(marker));
    }

    @Test
    void anExplicitRollbackUndoesBothModules() throws Exception {
        String marker = marker();

        transaction.begin();
        auditLog.record(new AuditEntry("test", "limit.changed", marker, "{}"));
        outbox.append(OutboxMessage.system("risk.limit_changed", marker, "{}"));
        assertEquals(2, work.rowsSeen(marker), "the query flushes both writes to PostgreSQL");
        transaction.rollback();

        assertEquals(0, auditRows(marker));
        assertEquals(0, outboxRows(marker));
    }

    @Test
    void theOutboxRefusesAnEventOutsideATransaction() throws Exception {
        String marker = marker();

        assertThrows(TransactionalException.class,
                () -> outbox.append(OutboxMessage.system("risk.limit_changed", marker, "{}")));

        assertEquals(0, outboxRows(marker));
    }

    private static String marker() {
        return "jta-" + UUID.randomUUID();
    }

    private long auditRows(String marker) throws SQLException {
        return count("SELECT count(*) FROM risk.audit_log WHERE subject = ?", marker);
    }

    private long outboxRows(String marker) throws SQLException {
        return count("SELECT count(*) FROM notifications.outbox WHERE subject = ?", marker);
    }

    /** Counted on a fresh connection outside any transaction: only what was committed. */
    private long count(String sql, String marker) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, marker);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }
}

package io.swapdesk.it;

import io.swapdesk.platform.Outbox;
import io.swapdesk.platform.OutboxMessage;
import io.swapdesk.risk.AuditEntry;
import io.swapdesk.risk.AuditLog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

/**
 * Units of work that write the risk schema and the notifications schema in one declarative JTA transaction.
 * Each flushes before it fails, so the rows really reached PostgreSQL and only the transaction can take them back.
 */
@ApplicationScoped
public class TwoModuleWork {

    @Inject
    AuditLog auditLog;

    @Inject
    Outbox outbox;

    @PersistenceContext(unitName = "swapdesk")
    EntityManager entityManager;

    @Transactional
    public void auditAndPublish(String marker, boolean failAfterBothWrites) {
        auditLog.record(new AuditEntry("test", "limit.changed", marker, "{\"marker\":\"" + marker + "\"}"));
        outbox.append(OutboxMessage.system("risk.limit_changed", marker, "{\"marker\":\"" + marker + "\"}"));
        entityManager.flush();
        if (failAfterBothWrites) {
            throw new SimulatedCrash("after writing both schemas: " + marker + ", rows seen " + rowsSeen(marker));
        }
    }

    /** The audit row is flushed, then PostgreSQL itself refuses the outbox row (its event type CHECK). */
    @Transactional
    public void auditThenFailInTheDatabase(String marker) {
        auditLog.record(new AuditEntry("test", "limit.changed", marker, "{}"));
        entityManager.flush();
        entityManager.createNativeQuery("INSERT INTO notifications.outbox (id, event_type, subject, payload, created_at)"
                        + " VALUES (gen_random_uuid(), 'Not A Valid Type', ?1, '{}'::jsonb, now())")
                .setParameter(1, marker)
                .executeUpdate();
    }

    /** Rows of both tables this transaction sees: proof that the writes were sent before the failure. */
    public long rowsSeen(String marker) {
        Number audit = (Number) entityManager
                .createNativeQuery("SELECT count(*) FROM risk.audit_log WHERE subject = ?1")
                .setParameter(1, marker).getSingleResult();
        Number events = (Number) entityManager
                .createNativeQuery("SELECT count(*) FROM notifications.outbox WHERE subject = ?1")
                .setParameter(1, marker).getSingleResult();
        return audit.longValue() + events.longValue();
    }

    /** Stands for any failure between the writes and the commit. */
    public static class SimulatedCrash extends RuntimeException {
        public SimulatedCrash(String message) {
            super(message);
        }
    }
}

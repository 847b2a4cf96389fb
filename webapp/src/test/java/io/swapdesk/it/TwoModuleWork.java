package io.swapdesk.it;

import io.swapdesk.platform.Outbox;
import io.swapdesk.platform.OutboxMessage;
import io.swapdesk.risk.AuditEntry;
import io.swapdesk.risk.AuditLog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/** A unit of work that writes the risk schema and the notifications schema in one declarative JTA transaction. */
@ApplicationScoped
public class TwoModuleWork {

    @Inject
    AuditLog auditLog;

    @Inject
    Outbox outbox;

    @Transactional
    public void auditAndPublish(String marker, boolean failAfterBothWrites) {
        auditLog.record(new AuditEntry("test", "limit.changed", marker, "{\"marker\":\"" + marker + "\"}"));
        outbox.append(OutboxMessage.system("risk.limit_changed", marker, "{\"marker\":\"" + marker + "\"}"));
        if (failAfterBothWrites) {
            throw new SimulatedCrash("after writing both schemas: " + marker);
        }
    }

    /** Stands for any failure between the writes and the commit. */
    public static class SimulatedCrash extends RuntimeException {
        public SimulatedCrash(String message) {
            super(message);
        }
    }
}

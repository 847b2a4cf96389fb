package io.swapdesk.risk.internal;

import io.swapdesk.identity.RoleChanged;
import io.swapdesk.platform.Jsonp;
import io.swapdesk.risk.AuditEntry;
import io.swapdesk.risk.AuditLog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/** Writes every role change to the audit log: who changed whose role, which, and when. */
@ApplicationScoped
class RoleAudit {

    @Inject
    AuditLog auditLog;

    /**
     * Synchronous {@code @Observes}, in the transaction that changes the role: the entry and the change
     * commit together, and a failed audit write undoes the change.
     */
    void on(@Observes RoleChanged change) {
        String detail = Jsonp.createObjectBuilder()
                .add("role", change.role().wireName())
                .add("at", change.at().toString())
                .build().toString();
        auditLog.record(new AuditEntry("user:" + change.by(), change.granted() ? "role.granted" : "role.revoked",
                "user:" + change.user(), detail));
    }
}

package io.swapdesk.risk;

import java.util.UUID;

/** The append-only audit log of risk decisions and operator actions (who, what, when). */
public interface AuditLog {

    /**
     * Records an entry in the caller's transaction (or a new one when there is none), so that the audit entry and
     * the change it describes commit together.
     *
     * @return the entry's id (UUIDv7)
     */
    UUID record(AuditEntry entry);
}

package io.swapdesk.risk.internal;

import io.swapdesk.risk.AuditEntry;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.ColumnTransformer;

/** A row of {@code risk.audit_log}; written once, never updated. */
@Entity
@Table(schema = "risk", name = "audit_log")
class AuditLogRow {

    @Id
    private UUID id;

    @Column(name = "occurred_at", nullable = false, updatable = false)
    private Instant occurredAt;

    @Column(nullable = false, updatable = false)
    private String actor;

    @Column(nullable = false, updatable = false)
    private String action;

    @Column(nullable = false, updatable = false)
    private String subject;

    @Column(nullable = false, updatable = false, columnDefinition = "jsonb")
    @ColumnTransformer(write = "?::jsonb")
    private String detail;

    protected AuditLogRow() {
        // for JPA
    }

    AuditLogRow(UUID id, Instant occurredAt, AuditEntry entry) {
        this.id = id;
        this.occurredAt = occurredAt;
        this.actor = entry.actor();
        this.action = entry.action();
        this.subject = entry.subject();
        this.detail = entry.detailJson();
    }
}

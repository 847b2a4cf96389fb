package io.swapdesk.notifications.internal;

import io.swapdesk.platform.OutboxMessage;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.ColumnTransformer;

/** A row of {@code notifications.outbox}: an event waiting to be (or already) delivered. */
@Entity
@Table(schema = "notifications", name = "outbox")
class OutboxRow {

    @Id
    private UUID id;

    @Column(name = "event_type", nullable = false, updatable = false)
    private String eventType;

    @Column(nullable = false, updatable = false)
    private String subject;

    @Column(name = "user_id", updatable = false)
    private UUID userId;

    @Column(nullable = false, updatable = false, columnDefinition = "jsonb")
    @ColumnTransformer(write = "?::jsonb")
    private String payload;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "dispatched_at")
    private Instant dispatchedAt;

    protected OutboxRow() {
        // for JPA
    }

    OutboxRow(UUID id, Instant createdAt, OutboxMessage message) {
        this.id = id;
        this.createdAt = createdAt;
        this.eventType = message.eventType();
        this.subject = message.subject();
        this.userId = message.userId().orElse(null);
        this.payload = message.payloadJson();
    }
}

package io.swapdesk.notifications.internal;

import io.swapdesk.platform.Ids;
import io.swapdesk.platform.Outbox;
import io.swapdesk.platform.OutboxMessage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.UUID;

/**
 * Appends with one plain INSERT in the caller's transaction. Not an entity persist: a persisted entity waits in
 * Hibernate's action queue until a flush, and every native statement after it in the transaction (a commit runs a
 * dozen) would first flush and dirty-check the whole persistence context.
 */
@ApplicationScoped
class JpaOutbox implements Outbox {

    @PersistenceContext(unitName = "swapdesk")
    private EntityManager entityManager;

    @Inject
    private Clock clock;

    /** MANDATORY: an event written outside the state change's transaction could describe a change that never happened. */
    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public UUID append(OutboxMessage message) {
        UUID id = Ids.newId();
        entityManager.createNativeQuery("""
                        INSERT INTO notifications.outbox (id, event_type, subject, user_id, payload, created_at)
                        VALUES (?1, ?2, ?3, ?4, CAST(?5 AS jsonb), ?6)""")
                .setParameter(1, id)
                .setParameter(2, message.eventType())
                .setParameter(3, message.subject())
                .setParameter(4, message.userId().orElse(null))
                .setParameter(5, message.payloadJson())
                .setParameter(6, Timestamp.from(clock.instant()))
                .executeUpdate();
        return id;
    }
}

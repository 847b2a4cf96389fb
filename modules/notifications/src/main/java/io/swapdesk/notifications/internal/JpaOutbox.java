package io.swapdesk.notifications.internal;

import io.swapdesk.platform.Ids;
import io.swapdesk.platform.Outbox;
import io.swapdesk.platform.OutboxMessage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.UUID;

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
        entityManager.persist(new OutboxRow(id, clock.instant(), message));
        return id;
    }
}

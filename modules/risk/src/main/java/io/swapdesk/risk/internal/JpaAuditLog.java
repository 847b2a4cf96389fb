package io.swapdesk.risk.internal;

import io.swapdesk.platform.Ids;
import io.swapdesk.risk.AuditEntry;
import io.swapdesk.risk.AuditLog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.UUID;

@ApplicationScoped
class JpaAuditLog implements AuditLog {

    @PersistenceContext(unitName = "swapdesk")
    private EntityManager entityManager;

    @Inject
    private Clock clock;

    @Override
    @Transactional(Transactional.TxType.REQUIRED)
    public UUID record(AuditEntry entry) {
        UUID id = Ids.newId();
        entityManager.persist(new AuditLogRow(id, clock.instant(), entry));
        return id;
    }
}

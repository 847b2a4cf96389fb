package io.swapdesk.execution.internal;

import io.swapdesk.execution.Deliveries;
import io.swapdesk.execution.DeliveryOrder;
import io.swapdesk.execution.DeliveryStatus;
import io.swapdesk.execution.DeliveryView;
import io.swapdesk.platform.ChainId;
import io.swapdesk.platform.EvmAddress;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** {@link Deliveries} over {@code execution.deliveries} (V9). */
@ApplicationScoped
class JpaDeliveries implements Deliveries {

    @PersistenceContext(unitName = "swapdesk")
    EntityManager entityManager;

    /** MANDATORY: a delivery queued outside the swap's commit could pay for a quote that never committed. */
    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public void schedule(DeliveryOrder order) {
        int inserted = entityManager.createNativeQuery("INSERT INTO execution.deliveries (quote_id, user_id, chain_id,"
                        + " token, recipient, amount) VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (quote_id) DO NOTHING")
                .setParameter(1, order.quoteId()).setParameter(2, order.userId()).setParameter(3, order.chain().value())
                .setParameter(4, order.token().toChecksumString()).setParameter(5, order.recipient().toChecksumString())
                .setParameter(6, new BigDecimal(order.amount()))
                .executeUpdate();
        if (inserted == 0) {
            Object[] row = (Object[]) entityManager.createNativeQuery("SELECT user_id, chain_id, token, recipient,"
                    + " amount FROM execution.deliveries WHERE quote_id = ?1").setParameter(1, order.quoteId())
                    .getSingleResult();
            DeliveryOrder stored = new DeliveryOrder(order.quoteId(), (UUID) row[0], ChainId.of(((Number) row[1]).longValue()),
                    EvmAddress.parse((String) row[2]), EvmAddress.parse((String) row[3]), DeliveryLedger.integer(row[4]));
            if (!stored.equals(order)) {
                throw new IllegalStateException("quote " + order.quoteId() + " already has another delivery scheduled");
            }
        }
    }

    @Override
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<DeliveryView> find(UUID quoteId) {
        List<?> rows = entityManager.createNativeQuery("SELECT status, chain_id, tx_hash, block_number, amount_delivered,"
                + " reason, updated_at FROM execution.deliveries WHERE quote_id = ?1").setParameter(1, quoteId)
                .getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Object[] row = (Object[]) rows.get(0);
        return Optional.of(new DeliveryView(quoteId, DeliveryStatus.valueOf((String) row[0]),
                ChainId.of(((Number) row[1]).longValue()), Optional.ofNullable((String) row[2]),
                Optional.ofNullable((Number) row[3]).map(Number::longValue),
                Optional.ofNullable(row[4]).map(DeliveryLedger::integer), Optional.ofNullable((String) row[5]),
                DeliveryLedger.instant(row[6])));
    }
}

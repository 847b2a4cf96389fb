package io.swapdesk.execution.internal;

import io.swapdesk.execution.Deliveries;
import io.swapdesk.execution.DeliveryOrder;
import io.swapdesk.platform.DomainException;
import io.swapdesk.platform.OwnTransaction;
import io.swapdesk.platform.QuoteRef;
import io.swapdesk.quotes.CommittedQuote;
import io.swapdesk.quotes.QuoteCommit;
import io.swapdesk.quotes.QuoteStatus;
import io.swapdesk.quotes.Quotes;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import jakarta.transaction.UserTransaction;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The swap's commit (DESIGN §2 step 4), one JTA transaction per deposit: lock the deposit (skipping one another
 * server holds), mark it committed, commit the quote with its risk and treasury reservations ({@link Quotes#commit}),
 * schedule the delivery ({@link Deliveries#schedule}). Any refusal rolls all of it back; the refund is
 * then recorded in a transaction of its own ({@link #routeToRefund}), so a paid deposit never ends nowhere.
 */
@ApplicationScoped
class DepositCommits {

    /** A refusal about the quote itself moves it to REFUNDING; one about this deposit only (a second payment) does not. */
    private static final EnumSet<QuoteStatus> REFUNDABLE_QUOTE = EnumSet.of(QuoteStatus.PENDING, QuoteStatus.EXPIRED);

    @PersistenceContext(unitName = "swapdesk")
    EntityManager entityManager;

    @Inject
    Quotes quotes;

    @Inject
    Deliveries deliveries;

    @Inject
    Clock clock;

    @Inject
    UserTransaction transaction;

    /** Share {@code index} of {@code count}: the deposits whose id's last byte is {@code index} modulo {@code count}. */
    record Share(int index, int count) {
    }

    /** The oldest deposits of the share still to handle (a hint: {@link #commit} locks each before acting). */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    List<PendingDeposit> pending(int limit, Share share) {
        // Ids are UUIDv7: their last byte is random, so the shares are even.
        List<?> rows = entityManager.createNativeQuery("""
                        SELECT id, chain_id, tx_hash, quote_id, token, payer, amount, block_time, received_at
                        FROM execution.deposits
                        WHERE state = 'RECEIVED' AND get_byte(uuid_send(id), 15) % ?2 = ?3
                        ORDER BY received_at LIMIT ?1""")
                .setParameter(1, limit)
                .setParameter(2, share.count())
                .setParameter(3, share.index())
                .getResultList();
        return rows.stream().map(row -> {
            Object[] c = (Object[]) row;
            return new PendingDeposit((UUID) c[0], io.swapdesk.platform.ChainId.of(((Number) c[1]).longValue()),
                    (String) c[2], Optional.ofNullable((UUID) c[3]), io.swapdesk.platform.EvmAddress.parse((String) c[4]),
                    io.swapdesk.platform.EvmAddress.parse((String) c[5]), ((BigDecimal) c[6]).toBigIntegerExact(),
                    instant(c[7]), instant(c[8]));
        }).toList();
    }

    /**
     * Commits the deposit's quote and schedules its delivery, in a transaction begun and ended here rather than by
     * {@code @Transactional}: a refusal is routine, and Liberty's transaction interceptor records every runtime
     * exception that leaves it as an FFDC incident.
     *
     * @return false when another server holds or already handled the deposit
     * @throws DomainException the commit's refusal; the transaction is rolled back
     */
    boolean commit(PendingDeposit deposit, UUID quoteId, BigInteger treasuryBalance) {
        return OwnTransaction.run(transaction, () -> "the commit of deposit " + deposit.txHash(),
                () -> commitInTransaction(deposit, quoteId, treasuryBalance));
    }

    private boolean commitInTransaction(PendingDeposit deposit, UUID quoteId, BigInteger treasuryBalance) {
        if (!lock(deposit.id())) {
            return false;
        }
        // Marked first: the quote's commit takes the rows every commit shares, so as little as possible follows it.
        setState(deposit.id(), "COMMITTED", null);
        CommittedQuote committed = quotes.commit(QuoteCommit.of(new QuoteRef(quoteId), deposit.chain(), deposit.token(),
                deposit.amount(), deposit.payer(), deposit.txHash(), deposit.paidAt(), treasuryBalance));
        deliveries.schedule(new DeliveryOrder(committed.quoteId(), committed.userId().value(), committed.chain(),
                committed.token(), committed.recipient(), committed.amountOut()));
        return true;
    }

    /** Records why the deposit is to be refunded and, when the refusal is about the quote, moves the quote too. */
    @Transactional
    void routeToRefund(PendingDeposit deposit, String reason) {
        if (!lock(deposit.id())) {
            return;
        }
        setState(deposit.id(), "REFUND_PENDING", reason);
        deposit.quoteId().filter(id -> quotes.status(id).filter(REFUNDABLE_QUOTE::contains).isPresent())
                .ifPresent(id -> quotes.markRefunding(id, reason));
    }

    private boolean lock(UUID depositId) {
        return !entityManager.createNativeQuery(
                        "SELECT 1 FROM execution.deposits WHERE id = ?1 AND state = 'RECEIVED' FOR UPDATE SKIP LOCKED")
                .setParameter(1, depositId)
                .getResultList().isEmpty();
    }

    private void setState(UUID depositId, String state, String reason) {
        entityManager.createNativeQuery(
                        "UPDATE execution.deposits SET state = ?2, reason = ?3, updated_at = ?4 WHERE id = ?1")
                .setParameter(1, depositId)
                .setParameter(2, state)
                .setParameter(3, reason)
                .setParameter(4, Timestamp.from(clock.instant()))
                .executeUpdate();
    }

    private static java.time.Instant instant(Object column) {
        return switch (column) {
            case Timestamp timestamp -> timestamp.toInstant();
            case java.time.Instant instant -> instant;
            case java.time.OffsetDateTime offset -> offset.toInstant();
            default -> throw new IllegalStateException("unexpected timestamp type " + column.getClass());
        };
    }
}

package io.swapdesk.execution.internal;

import io.swapdesk.chains.Chains;
import io.swapdesk.chains.Escrows;
import io.swapdesk.chains.Fees;
import io.swapdesk.chains.HeldSigner;
import io.swapdesk.chains.SignedTransaction;
import io.swapdesk.chains.SignerPool;
import io.swapdesk.chains.TransactionRequest;
import io.swapdesk.execution.DeliveryCompleted;
import io.swapdesk.execution.DeliveryNeedsAttention;
import io.swapdesk.execution.DeliveryReason;
import io.swapdesk.execution.DeliveryStatus;
import io.swapdesk.execution.DeliverySubmitted;
import io.swapdesk.platform.ChainId;
import io.swapdesk.platform.EvmAddress;
import io.swapdesk.platform.Ids;
import io.swapdesk.platform.Jsonp;
import io.swapdesk.platform.Outbox;
import io.swapdesk.platform.OutboxMessage;
import io.swapdesk.platform.QuoteRef;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.json.JsonObjectBuilder;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Every state change of a delivery, each one JTA transaction (joining the caller's when there is one): conditional
 * updates of {@code execution.deliveries} ({@code WHERE status IN …}), the signer pool's state, the CDI events and the
 * outbox rows that describe the change. No RPC call happens in here, except none: signing is local.
 */
@ApplicationScoped
public class DeliveryLedger {

    static final String IN_FLIGHT = "('SUBMITTING', 'SUBMITTED', 'UNCONFIRMED')";

    @PersistenceContext(unitName = "swapdesk")
    EntityManager entityManager;

    @Inject
    SignerPool signers;

    @Inject
    Escrows escrows;

    @Inject
    Chains chains;

    @Inject
    Outbox outbox;

    @Inject
    ExecutionSettings settings;

    @Inject
    Clock clock;

    @Inject
    Event<DeliverySubmitted> submitted;

    @Inject
    Event<DeliveryCompleted> completed;

    @Inject
    Event<DeliveryNeedsAttention> needsAttention;

    /** What a worker broadcasts after the claim has committed. */
    public record Prepared(UUID quoteId, ChainId chain, UUID attemptId, byte[] raw, String txHash) {
    }

    /** Whether any delivery on {@code chain} waits for a worker (a cheap look before reading fees). */
    @Transactional
    public boolean hasQueued(ChainId chain) {
        return !entityManager.createNativeQuery("SELECT 1 FROM execution.deliveries WHERE status = 'QUEUED'"
                + " AND chain_id = ?1 LIMIT 1").setParameter(1, chain.value()).getResultList().isEmpty();
    }

    /**
     * Claims the oldest queued delivery of {@code chain} nobody else holds, takes a signer, reserves its nonce, signs
     * the fill and stores it: all in this one transaction. Empty when nothing is queued or no signer is free.
     */
    @Transactional
    public Optional<Prepared> claim(ChainId chain, Fees fees, long head) {
        List<?> rows = entityManager.createNativeQuery("SELECT quote_id FROM execution.deliveries"
                        + " WHERE status = 'QUEUED' AND chain_id = ?1 ORDER BY created_at LIMIT 1 FOR UPDATE SKIP LOCKED")
                .setParameter(1, chain.value()).getResultList();
        return rows.isEmpty() ? Optional.empty() : prepare((UUID) rows.get(0), fees, head);
    }

    /** Like {@link #claim(ChainId, Fees, long)} for one delivery, if it is queued and not held by another worker. */
    @Transactional
    public Optional<Prepared> claim(UUID quoteId, Fees fees, long head) {
        List<?> rows = entityManager.createNativeQuery("SELECT quote_id FROM execution.deliveries"
                        + " WHERE status = 'QUEUED' AND quote_id = ?1 FOR UPDATE SKIP LOCKED")
                .setParameter(1, quoteId).getResultList();
        return rows.isEmpty() ? Optional.empty() : prepare(quoteId, fees, head);
    }

    private Optional<Prepared> prepare(UUID quoteId, Fees fees, long head) {
        Object[] row = (Object[]) entityManager.createNativeQuery("SELECT user_id, chain_id, token, recipient, amount"
                + " FROM execution.deliveries WHERE quote_id = ?1").setParameter(1, quoteId).getSingleResult();
        ChainId chain = ChainId.of(((Number) row[1]).longValue());
        Optional<EvmAddress> escrow = chains.escrow(chain);
        if (escrow.isEmpty()) {
            entityManager.createNativeQuery("UPDATE execution.deliveries SET status = 'NEEDS_ATTENTION', reason = ?2,"
                            + " updated_at = now() WHERE quote_id = ?1 AND status = 'QUEUED'")
                    .setParameter(1, quoteId).setParameter(2, DeliveryReason.NO_ESCROW.name()).executeUpdate();
            announceAttention(quoteId, (UUID) row[0], chain, DeliveryReason.NO_ESCROW.name());
            return Optional.empty();
        }
        Optional<HeldSigner> taken = signers.take(chain, quoteId);
        if (taken.isEmpty()) {
            return Optional.empty();
        }
        HeldSigner signer = taken.get();
        byte[] calldata = escrows.fillCalldata(new QuoteRef(quoteId), EvmAddress.parse((String) row[2]),
                EvmAddress.parse((String) row[3]), integer(row[4]));
        SignedTransaction signed = signers.sign(chain, signer.address(), quoteId,
                new TransactionRequest(escrow.get(), calldata, signer.nonce(), settings.gasLimit(), fees));
        UUID attemptId = Ids.newId();
        Number attempts = (Number) entityManager.createNativeQuery("SELECT count(*) FROM execution.delivery_attempts"
                + " WHERE quote_id = ?1").setParameter(1, quoteId).getSingleResult();
        entityManager.createNativeQuery("INSERT INTO execution.delivery_attempts (id, quote_id, attempt, signer, nonce,"
                        + " max_fee_per_gas, max_priority_fee, raw_tx, tx_hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)")
                .setParameter(1, attemptId).setParameter(2, quoteId).setParameter(3, attempts.intValue() + 1)
                .setParameter(4, signer.address().toChecksumString()).setParameter(5, signer.nonce().longValueExact())
                .setParameter(6, new BigDecimal(fees.maxFeePerGas()))
                .setParameter(7, new BigDecimal(fees.maxPriorityFeePerGas()))
                .setParameter(8, signed.raw()).setParameter(9, signed.hash())
                .executeUpdate();
        int moved = entityManager.createNativeQuery("UPDATE execution.deliveries SET status = 'SUBMITTING',"
                        + " signer = ?2, tx_hash = ?3, from_block = COALESCE(from_block, ?4), reason = NULL,"
                        + " next_check_at = now() + make_interval(secs => ?5), updated_at = now()"
                        + " WHERE quote_id = ?1 AND status = 'QUEUED'")
                .setParameter(1, quoteId).setParameter(2, signer.address().toChecksumString())
                .setParameter(3, signed.hash()).setParameter(4, Math.max(0, head - 1))
                .setParameter(5, (double) settings.poll().multipliedBy(3).toMillis() / 1000)
                .executeUpdate();
        if (moved != 1) {
            throw new IllegalStateException("delivery " + quoteId + " changed while claimed");
        }
        return Optional.of(new Prepared(quoteId, chain, attemptId, signed.raw(), signed.hash()));
    }

    /**
     * A node holds the attempt's transaction. The first time, the delivery becomes SUBMITTED (events fired); after a
     * re-broadcast for want of a receipt it shows UNCONFIRMED.
     */
    @Transactional
    public void broadcastAccepted(UUID quoteId, UUID attemptId, String answer, boolean rebroadcast) {
        recordBroadcast(attemptId, answer);
        List<?> rows = entityManager.createNativeQuery("UPDATE execution.deliveries SET status = 'SUBMITTED',"
                        + " reason = NULL, next_check_at = now() + make_interval(secs => ?2), updated_at = now()"
                        + " WHERE quote_id = ?1 AND status = 'SUBMITTING' RETURNING user_id, chain_id, tx_hash")
                .setParameter(1, quoteId).setParameter(2, seconds(settings.poll())).getResultList();
        if (!rows.isEmpty()) {
            Object[] row = (Object[]) rows.get(0);
            ChainId chain = ChainId.of(((Number) row[1]).longValue());
            String txHash = (String) row[2];
            submitted.fire(new DeliverySubmitted(quoteId, (UUID) row[0], chain, txHash));
            outbox.append(OutboxMessage.forUser("execution.submitted", quoteId.toString(), (UUID) row[0],
                    payload(quoteId, chain, txHash).add("status", DeliveryStatus.SUBMITTED.name()).build().toString()));
        } else if (rebroadcast) {
            entityManager.createNativeQuery("UPDATE execution.deliveries SET status = 'UNCONFIRMED', reason = ?2,"
                            + " updated_at = now() WHERE quote_id = ?1 AND status IN ('SUBMITTED', 'UNCONFIRMED')")
                    .setParameter(1, quoteId).setParameter(2, DeliveryReason.NO_RECEIPT_YET.name()).executeUpdate();
        }
    }

    /** The node refused the stored transaction for a reason other than its nonce; it stays, and is offered again. */
    @Transactional
    public void broadcastRefused(UUID quoteId, UUID attemptId, String answer) {
        recordBroadcast(attemptId, answer);
        entityManager.createNativeQuery("UPDATE execution.deliveries SET reason = ?2, updated_at = now()"
                        + " WHERE quote_id = ?1 AND status IN " + IN_FLIGHT)
                .setParameter(1, quoteId).setParameter(2, DeliveryReason.BROADCAST_REFUSED.name()).executeUpdate();
    }

    private void recordBroadcast(UUID attemptId, String answer) {
        entityManager.createNativeQuery("UPDATE execution.delivery_attempts SET broadcasts = broadcasts + 1,"
                        + " last_broadcast_at = now(), last_answer = ?2,"
                        + " status = CASE WHEN status = 'SIGNED' THEN 'BROADCAST' ELSE status END WHERE id = ?1")
                .setParameter(1, attemptId).setParameter(2, answer.isEmpty() ? "accepted" : clip(answer))
                .executeUpdate();
    }

    /**
     * The escrow filled the quote, confirmed. {@code ownReceipt}: the transaction is one of this delivery's attempts
     * and its receipt was read, so every nonce the signer used for it is settled and the signer is freed; otherwise
     * an attempt of ours may still be pending somewhere, and the signer cools down.
     *
     * @return whether this call completed it (false: another server did first)
     */
    @Transactional
    public boolean complete(UUID quoteId, String txHash, long blockNumber, String blockHash, BigInteger amount,
                            boolean ownReceipt, Optional<DeliveryReason> reason) {
        List<?> rows = entityManager.createNativeQuery("UPDATE execution.deliveries SET status = 'COMPLETED',"
                        + " tx_hash = ?2, block_number = ?3, block_hash = ?4, amount_delivered = ?5, reason = ?6,"
                        + " completed_at = now(), updated_at = now()"
                        + " WHERE quote_id = ?1 AND status IN " + IN_FLIGHT + " RETURNING user_id, chain_id, signer")
                .setParameter(1, quoteId).setParameter(2, txHash).setParameter(3, blockNumber)
                .setParameter(4, blockHash).setParameter(5, new BigDecimal(amount))
                .setParameter(6, reason.map(Enum::name).orElse(null))
                .getResultList();
        if (rows.isEmpty()) {
            return false;
        }
        Object[] row = (Object[]) rows.get(0);
        UUID userId = (UUID) row[0];
        ChainId chain = ChainId.of(((Number) row[1]).longValue());
        entityManager.createNativeQuery("UPDATE execution.delivery_attempts SET status = 'MINED' WHERE tx_hash = ?1")
                .setParameter(1, txHash).executeUpdate();
        settleSigner(quoteId, chain, (String) row[2], ownReceipt);
        Instant now = clock.instant();
        completed.fire(new DeliveryCompleted(quoteId, userId, chain, txHash, blockNumber, amount, now));
        outbox.append(OutboxMessage.forUser("execution.completed", quoteId.toString(), userId,
                payload(quoteId, chain, txHash).add("status", DeliveryStatus.COMPLETED.name())
                        .add("blockNumber", blockNumber).add("amountDelivered", amount.toString())
                        .add("completedAt", now.toString()).build().toString()));
        return true;
    }

    /** The fill reverted and the quote is not filled: the signer's nonce is settled (it was mined), so it is freed. */
    @Transactional
    public boolean needsAttention(UUID quoteId, DeliveryReason reason) {
        List<?> rows = entityManager.createNativeQuery("UPDATE execution.deliveries SET status = 'NEEDS_ATTENTION',"
                        + " reason = ?2, updated_at = now() WHERE quote_id = ?1 AND status IN " + IN_FLIGHT
                        + " RETURNING user_id, chain_id, signer")
                .setParameter(1, quoteId).setParameter(2, reason.name()).getResultList();
        if (rows.isEmpty()) {
            return false;
        }
        Object[] row = (Object[]) rows.get(0);
        ChainId chain = ChainId.of(((Number) row[1]).longValue());
        settleSigner(quoteId, chain, (String) row[2], true);
        announceAttention(quoteId, (UUID) row[0], chain, reason.name());
        return true;
    }

    /**
     * The attempt can never be included (its nonce was taken by another transaction, and it has no receipt) and the
     * quote is not filled: the attempt is dropped, the signer cools down (its next nonce is read back from the chain
     * before it signs again) and the delivery waits for a new signer and nonce.
     */
    @Transactional
    public boolean requeue(UUID quoteId, UUID attemptId) {
        List<?> rows = entityManager.createNativeQuery("UPDATE execution.deliveries SET status = 'QUEUED',"
                        + " signer = NULL, tx_hash = NULL, reason = NULL, updated_at = now()"
                        + " WHERE quote_id = ?1 AND status IN " + IN_FLIGHT + " RETURNING chain_id, "
                        + " (SELECT signer FROM execution.delivery_attempts WHERE id = ?2)")
                .setParameter(1, quoteId).setParameter(2, attemptId).getResultList();
        if (rows.isEmpty()) {
            return false;
        }
        entityManager.createNativeQuery("UPDATE execution.delivery_attempts SET status = 'DROPPED' WHERE id = ?1")
                .setParameter(1, attemptId).executeUpdate();
        Object[] row = (Object[]) rows.get(0);
        settleSigner(quoteId, ChainId.of(((Number) row[0]).longValue()), (String) row[1], false);
        return true;
    }

    /** The delivery stays in flight: look at it again after {@code delay}. */
    @Transactional
    public void checkAgainIn(UUID quoteId, Duration delay) {
        entityManager.createNativeQuery("UPDATE execution.deliveries SET next_check_at = now() + make_interval(secs"
                        + " => ?2) WHERE quote_id = ?1 AND status IN " + IN_FLIGHT)
                .setParameter(1, quoteId).setParameter(2, seconds(delay)).executeUpdate();
    }

    /** In-flight deliveries due for a check, leased to this caller for {@code execution.*}'s check lease. */
    @Transactional
    public List<InFlight> leaseDue(int limit) {
        List<?> ids = entityManager.createNativeQuery("UPDATE execution.deliveries d SET next_check_at = now()"
                        + " + make_interval(secs => ?2) WHERE d.quote_id IN (SELECT quote_id FROM execution.deliveries"
                        + " WHERE status IN " + IN_FLIGHT + " AND next_check_at <= now() ORDER BY next_check_at"
                        + " LIMIT ?1 FOR UPDATE SKIP LOCKED) RETURNING d.quote_id")
                .setParameter(1, limit).setParameter(2, seconds(settings.checkLease())).getResultList();
        return load(ids.stream().map(UUID.class::cast).toList());
    }

    /** One in-flight delivery, leased whatever its next check time (the reconciler); empty if held or settled. */
    @Transactional
    public Optional<InFlight> lease(UUID quoteId) {
        List<?> ids = entityManager.createNativeQuery("UPDATE execution.deliveries d SET next_check_at = now()"
                        + " + make_interval(secs => ?2) WHERE d.quote_id IN (SELECT quote_id FROM execution.deliveries"
                        + " WHERE quote_id = ?1 AND status IN " + IN_FLIGHT + " FOR UPDATE SKIP LOCKED)"
                        + " RETURNING d.quote_id")
                .setParameter(1, quoteId).setParameter(2, seconds(settings.checkLease())).getResultList();
        return load(ids.stream().map(UUID.class::cast).toList()).stream().findFirst();
    }

    /** Every delivery in flight now, oldest first: what the reconciler resolves at startup. */
    @Transactional
    public List<UUID> inFlight() {
        return entityManager.createNativeQuery("SELECT quote_id FROM execution.deliveries WHERE status IN "
                + IN_FLIGHT + " ORDER BY created_at").getResultList().stream().map(UUID.class::cast).toList();
    }

    private List<InFlight> load(List<UUID> ids) {
        List<InFlight> loaded = new ArrayList<>();
        for (UUID quoteId : ids) {
            Object[] row = (Object[]) entityManager.createNativeQuery("SELECT user_id, chain_id, token, recipient,"
                            + " amount, status, signer, COALESCE(from_block, 0) FROM execution.deliveries WHERE quote_id = ?1")
                    .setParameter(1, quoteId).getSingleResult();
            List<InFlight.Attempt> attempts = new ArrayList<>();
            for (Object item : entityManager.createNativeQuery("SELECT id, attempt, signer, nonce, raw_tx, tx_hash,"
                            + " status, broadcasts, last_broadcast_at FROM execution.delivery_attempts"
                            + " WHERE quote_id = ?1 ORDER BY attempt DESC")
                    .setParameter(1, quoteId).getResultList()) {
                Object[] a = (Object[]) item;
                attempts.add(new InFlight.Attempt((UUID) a[0], ((Number) a[1]).intValue(), EvmAddress.parse((String) a[2]),
                        ((Number) a[3]).longValue(), (byte[]) a[4], (String) a[5], (String) a[6],
                        ((Number) a[7]).intValue(), Optional.ofNullable(instant(a[8]))));
            }
            loaded.add(new InFlight(quoteId, (UUID) row[0], ChainId.of(((Number) row[1]).longValue()),
                    EvmAddress.parse((String) row[2]), EvmAddress.parse((String) row[3]), integer(row[4]),
                    DeliveryStatus.valueOf((String) row[5]), Optional.ofNullable((String) row[6]).map(EvmAddress::parse),
                    ((Number) row[7]).longValue(), List.copyOf(attempts)));
        }
        return loaded;
    }

    private void settleSigner(UUID quoteId, ChainId chain, String signer, boolean settled) {
        if (signer == null) {
            return;
        }
        EvmAddress address = EvmAddress.parse(signer);
        if (settled) {
            signers.release(chain, address, quoteId);
        } else {
            signers.coolDown(chain, address, quoteId, clock.instant().plus(settings.cooldown()));
        }
    }

    private void announceAttention(UUID quoteId, UUID userId, ChainId chain, String reason) {
        needsAttention.fire(new DeliveryNeedsAttention(quoteId, userId, chain, reason));
        outbox.append(OutboxMessage.forUser("execution.needs_attention", quoteId.toString(), userId,
                Jsonp.createObjectBuilder().add("quoteId", quoteId.toString()).add("chainId", chain.value())
                        .add("status", DeliveryStatus.NEEDS_ATTENTION.name()).add("reason", reason).build().toString()));
    }

    private static JsonObjectBuilder payload(UUID quoteId, ChainId chain, String txHash) {
        return Jsonp.createObjectBuilder().add("quoteId", quoteId.toString()).add("chainId", chain.value())
                .add("txHash", txHash);
    }

    static BigInteger integer(Object value) {
        return value instanceof BigDecimal decimal ? decimal.toBigIntegerExact() : (BigInteger) value;
    }

    static Instant instant(Object value) {
        return switch (value) {
            case null -> null;
            case Instant instant -> instant;
            case OffsetDateTime time -> time.toInstant();
            case Timestamp timestamp -> timestamp.toInstant();
            default -> throw new IllegalStateException("unexpected time type " + value.getClass());
        };
    }

    private static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }

    private static String clip(String text) {
        return text.length() > 200 ? text.substring(0, 200) : text;
    }
}

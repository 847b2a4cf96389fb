package io.swapdesk.chains.internal;

import io.swapdesk.chains.HeldSigner;
import io.swapdesk.chains.SignedTransaction;
import io.swapdesk.chains.SignerKey;
import io.swapdesk.chains.SignerPool;
import io.swapdesk.chains.SignerState;
import io.swapdesk.chains.TransactionRequest;
import io.swapdesk.chains.Transactions;
import io.swapdesk.platform.ChainId;
import io.swapdesk.platform.EvmAddress;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import jakarta.transaction.UserTransaction;

import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * {@link SignerPool} over {@code chains.signers} (V8) with native SQL through the application's persistence unit, so
 * it joins the caller's JTA transaction on the same connection as the caller's own writes.
 */
@ApplicationScoped
public class JpaSignerPool implements SignerPool {

    private static final Logger LOG = Logger.getLogger(JpaSignerPool.class.getName());

    private static final String TAKE = "UPDATE chains.signers s SET state = 'HELD', holder = ?1,"
            + " next_nonce = s.next_nonce + 1, last_used_at = now(), updated_at = now()"
            + " WHERE (s.chain_id, s.address) = (SELECT chain_id, address FROM chains.signers"
            + "   WHERE chain_id = ?2 AND state = 'FREE' AND address IN (?3)"
            + "   ORDER BY last_used_at NULLS FIRST, address LIMIT 1 FOR UPDATE SKIP LOCKED)"
            + " RETURNING s.address, s.next_nonce - 1";

    @PersistenceContext(unitName = "swapdesk")
    EntityManager entityManager;

    @Inject
    SignerKeys keys;

    @Inject
    Transactions transactions;

    @Inject
    UserTransaction userTransaction;

    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<HeldSigner> take(ChainId chain, UUID holder) {
        Map<EvmAddress, SignerKey> ours = keys.of(chain);
        if (ours.isEmpty()) {
            return Optional.empty();
        }
        List<?> rows = entityManager.createNativeQuery(TAKE)
                .setParameter(1, holder)
                .setParameter(2, chain.value())
                .setParameter(3, addresses(ours))
                .getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Object[] row = (Object[]) rows.get(0);
        return Optional.of(new HeldSigner(chain, EvmAddress.parse((String) row[0]),
                BigInteger.valueOf(((Number) row[1]).longValue()), holder));
    }

    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public SignedTransaction sign(ChainId chain, EvmAddress signer, UUID holder, TransactionRequest request) {
        SignerKey key = keys.of(chain).get(signer);
        if (key == null) {
            throw new IllegalStateException("no key for signer " + signer + " on chain " + chain + " on this server");
        }
        List<?> held = entityManager.createNativeQuery("SELECT 1 FROM chains.signers WHERE chain_id = ?1"
                        + " AND address = ?2 AND state = 'HELD' AND holder = ?3")
                .setParameter(1, chain.value()).setParameter(2, signer.toChecksumString()).setParameter(3, holder)
                .getResultList();
        if (held.isEmpty()) {
            throw new IllegalStateException("signer " + signer + " on chain " + chain + " is not held by " + holder);
        }
        return transactions.sign(chain, key, request);
    }

    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean release(ChainId chain, EvmAddress signer, UUID holder) {
        return entityManager.createNativeQuery("UPDATE chains.signers SET state = 'FREE', holder = NULL,"
                        + " cooldown_until = NULL, updated_at = now()"
                        + " WHERE chain_id = ?1 AND address = ?2 AND state = 'HELD' AND holder = ?3")
                .setParameter(1, chain.value()).setParameter(2, signer.toChecksumString()).setParameter(3, holder)
                .executeUpdate() == 1;
    }

    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean coolDown(ChainId chain, EvmAddress signer, UUID holder, Instant until) {
        return entityManager.createNativeQuery("UPDATE chains.signers SET state = 'COOLDOWN', cooldown_until = ?4,"
                        + " updated_at = now() WHERE chain_id = ?1 AND address = ?2 AND state = 'HELD' AND holder = ?3")
                .setParameter(1, chain.value()).setParameter(2, signer.toChecksumString()).setParameter(3, holder)
                .setParameter(4, OffsetDateTime.ofInstant(until, ZoneOffset.UTC))
                .executeUpdate() == 1;
    }

    /** Not transactional itself: it reads the chain between short transactions of its own. */
    @Override
    public void maintain(ChainId chain, Duration recheckAfter) {
        Map<EvmAddress, SignerKey> ours = keys.of(chain);
        if (ours.isEmpty()) {
            return;
        }
        boolean migrated = inTransaction(() -> (Boolean) entityManager.createNativeQuery(
                "SELECT to_regclass('chains.signers') IS NOT NULL").getSingleResult());
        if (!migrated) {
            // The application's migrations run beside CDI's startup: asked too early, say so without a SQL error.
            throw new IllegalStateException("chains.signers does not exist yet (database migrations still running)");
        }
        List<String> known = inTransaction(() -> strings(entityManager.createNativeQuery(
                        "SELECT address FROM chains.signers WHERE chain_id = ?1 AND address IN (?2)")
                .setParameter(1, chain.value()).setParameter(2, addresses(ours)).getResultList()));
        for (EvmAddress address : ours.keySet()) {
            if (!known.contains(address.toChecksumString())) {
                BigInteger nonce = transactions.pendingNonce(chain, address);
                inTransaction(() -> entityManager.createNativeQuery("INSERT INTO chains.signers (chain_id, address,"
                                + " next_nonce) VALUES (?1, ?2, ?3) ON CONFLICT DO NOTHING")
                        .setParameter(1, chain.value()).setParameter(2, address.toChecksumString())
                        .setParameter(3, nonce.longValueExact()).executeUpdate());
                LOG.info(() -> "signer " + address + " of chain " + chain + " registered at nonce " + nonce);
            }
        }
        List<String> cooled = inTransaction(() -> strings(entityManager.createNativeQuery(
                        "SELECT address FROM chains.signers WHERE chain_id = ?1 AND address IN (?2)"
                                + " AND state = 'COOLDOWN' AND cooldown_until <= now()")
                .setParameter(1, chain.value()).setParameter(2, addresses(ours)).getResultList()));
        for (String text : cooled) {
            EvmAddress address = EvmAddress.parse(text);
            BigInteger latest = transactions.latestNonce(chain, address);
            BigInteger pending = transactions.pendingNonce(chain, address);
            if (latest.equals(pending)) {
                int freed = inTransaction(() -> entityManager.createNativeQuery("UPDATE chains.signers SET"
                                + " state = 'FREE', holder = NULL, cooldown_until = NULL, next_nonce = ?3,"
                                + " updated_at = now() WHERE chain_id = ?1 AND address = ?2 AND state = 'COOLDOWN'"
                                + " AND cooldown_until <= now()")
                        .setParameter(1, chain.value()).setParameter(2, text).setParameter(3, latest.longValueExact())
                        .executeUpdate());
                if (freed == 1) {
                    LOG.info(() -> "signer " + address + " of chain " + chain + " freed after cooldown at nonce "
                            + latest);
                }
            } else {
                inTransaction(() -> entityManager.createNativeQuery("UPDATE chains.signers SET cooldown_until = ?3,"
                                + " updated_at = now() WHERE chain_id = ?1 AND address = ?2 AND state = 'COOLDOWN'")
                        .setParameter(1, chain.value()).setParameter(2, text)
                        .setParameter(3, OffsetDateTime.now(ZoneOffset.UTC).plus(recheckAfter))
                        .executeUpdate());
                LOG.info(() -> "signer " + address + " of chain " + chain + " stays in cooldown: "
                        + pending.subtract(latest) + " transaction(s) pending");
            }
        }
    }

    @Override
    public List<SignerState> signers(ChainId chain) {
        List<?> rows = inTransaction(() -> entityManager.createNativeQuery("SELECT address, state, holder, next_nonce,"
                        + " cooldown_until, last_used_at FROM chains.signers WHERE chain_id = ?1 ORDER BY address")
                .setParameter(1, chain.value()).getResultList());
        List<SignerState> states = new ArrayList<>();
        for (Object item : rows) {
            Object[] row = (Object[]) item;
            states.add(new SignerState(chain, EvmAddress.parse((String) row[0]),
                    SignerState.Status.valueOf((String) row[1]), Optional.ofNullable((UUID) row[2]),
                    ((Number) row[3]).longValue(), Optional.ofNullable(instant(row[4])),
                    Optional.ofNullable(instant(row[5]))));
        }
        return states;
    }

    @Override
    public List<ChainId> chainsWithSigners() {
        return List.copyOf(keys.chains());
    }

    private static List<String> addresses(Map<EvmAddress, SignerKey> keys) {
        return keys.keySet().stream().map(EvmAddress::toChecksumString).toList();
    }

    private static List<String> strings(List<?> rows) {
        return rows.stream().map(String.class::cast).toList();
    }

    static Instant instant(Object value) {
        return switch (value) {
            case null -> null;
            case Instant instant -> instant;
            case OffsetDateTime time -> time.toInstant();
            case java.sql.Timestamp timestamp -> timestamp.toInstant();
            default -> throw new IllegalStateException("unexpected time type " + value.getClass());
        };
    }

    /** A short transaction of its own, or the caller's when there is one. */
    private <T> T inTransaction(java.util.concurrent.Callable<T> work) {
        try {
            boolean own = userTransaction.getStatus() == jakarta.transaction.Status.STATUS_NO_TRANSACTION;
            if (own) {
                userTransaction.begin();
            }
            try {
                T result = work.call();
                if (own) {
                    userTransaction.commit();
                }
                return result;
            } catch (Exception e) {
                if (own && userTransaction.getStatus() != jakarta.transaction.Status.STATUS_NO_TRANSACTION) {
                    userTransaction.rollback();
                }
                throw e;
            }
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("chains.signers: " + e.getMessage(), e);
        }
    }
}

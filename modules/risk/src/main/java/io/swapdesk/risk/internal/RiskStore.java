package io.swapdesk.risk.internal;

import io.swapdesk.risk.LimitKind;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import java.math.BigInteger;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The risk schema, in SQL. Every change of a counter is one conditional statement ({@code used + x <= limit}), which
 * PostgreSQL applies atomically under the row's lock: concurrent reservations queue on the row and each sees the
 * others' committed sums, so together they never pass a limit. Joins the caller's transaction.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
class RiskStore {

    /** The limit of kind ?1 for scope ?2: the operator's for the scope, for every scope ('*'), or the default ?5. */
    private static final String LIMIT_IN_FORCE = """
            COALESCE((SELECT usd_cents FROM risk.limits WHERE kind = ?1 AND scope IN (?2, '*')
                ORDER BY scope = '*' LIMIT 1), CAST(?5 AS numeric))""";

    @PersistenceContext(unitName = "swapdesk")
    private EntityManager entityManager;

    /** The operator-set limit of the kind for the scope, or failing that for every scope ('*'). */
    Optional<BigInteger> limit(LimitKind kind, String scope) {
        List<?> rows = entityManager.createNativeQuery("""
                        SELECT usd_cents::text FROM risk.limits WHERE kind = ?1 AND scope IN (?2, '*')
                        ORDER BY scope = '*' LIMIT 1""")
                .setParameter(1, kind.wireName())
                .setParameter(2, scope)
                .getResultList();
        return rows.stream().findFirst().map(value -> new BigInteger((String) value));
    }

    /**
     * Adds {@code cents} to the day's counter unless that passes the limit in force — the operator's for the scope,
     * else the operator's for every scope, else {@code defaultLimit} — read in the same statement; false when refused.
     */
    boolean count(LimitKind kind, String scope, LocalDate day, BigInteger cents, BigInteger defaultLimit) {
        return entityManager.createNativeQuery("""
                        INSERT INTO risk.counters AS c (kind, scope, day, used_usd_cents)
                        SELECT ?1, ?2, ?3, CAST(?4 AS numeric) FROM (SELECT %1$s AS cap) AS l
                        WHERE CAST(?4 AS numeric) <= l.cap
                        ON CONFLICT (kind, scope, day) DO UPDATE SET used_usd_cents = c.used_usd_cents + EXCLUDED.used_usd_cents
                        WHERE c.used_usd_cents + EXCLUDED.used_usd_cents <= %1$s""".formatted(LIMIT_IN_FORCE))
                .setParameter(1, kind.wireName())
                .setParameter(2, scope)
                .setParameter(3, Date.valueOf(day))
                .setParameter(4, cents.toString())
                .setParameter(5, defaultLimit.toString())
                .executeUpdate() == 1;
    }

    BigInteger used(LimitKind kind, String scope, LocalDate day) {
        List<?> rows = entityManager.createNativeQuery("""
                        SELECT used_usd_cents::text FROM risk.counters WHERE kind = ?1 AND scope = ?2 AND day = ?3""")
                .setParameter(1, kind.wireName())
                .setParameter(2, scope)
                .setParameter(3, Date.valueOf(day))
                .getResultList();
        return rows.stream().findFirst().map(value -> new BigInteger((String) value)).orElse(BigInteger.ZERO);
    }

    void uncount(LimitKind kind, String scope, LocalDate day, BigInteger cents) {
        entityManager.createNativeQuery("""
                        UPDATE risk.counters SET used_usd_cents = GREATEST(used_usd_cents - CAST(?4 AS numeric), 0)
                        WHERE kind = ?1 AND scope = ?2 AND day = ?3""")
                .setParameter(1, kind.wireName())
                .setParameter(2, scope)
                .setParameter(3, Date.valueOf(day))
                .setParameter(4, cents.toString())
                .executeUpdate();
    }

    /** Adds {@code amount} to the token's reserved liquidity unless that passes {@code balance}; false when refused. */
    boolean reserveLiquidity(long chain, String token, BigInteger amount, BigInteger balance) {
        return entityManager.createNativeQuery("""
                        INSERT INTO risk.treasury_reserved AS t (chain_id, token, reserved)
                        SELECT ?1, ?2, CAST(?3 AS numeric) WHERE CAST(?3 AS numeric) <= CAST(?4 AS numeric)
                        ON CONFLICT (chain_id, token) DO UPDATE SET reserved = t.reserved + EXCLUDED.reserved
                        WHERE t.reserved + EXCLUDED.reserved <= CAST(?4 AS numeric)""")
                .setParameter(1, chain)
                .setParameter(2, token)
                .setParameter(3, amount.toString())
                .setParameter(4, balance.toString())
                .executeUpdate() == 1;
    }

    BigInteger reserved(long chain, String token) {
        List<?> rows = entityManager.createNativeQuery(
                        "SELECT reserved::text FROM risk.treasury_reserved WHERE chain_id = ?1 AND token = ?2")
                .setParameter(1, chain)
                .setParameter(2, token)
                .getResultList();
        return rows.stream().findFirst().map(value -> new BigInteger((String) value)).orElse(BigInteger.ZERO);
    }

    void insertReservation(UUID quoteId, UUID user, long chain, LocalDate day, BigInteger cents, long treasuryChain,
                           String token, BigInteger amount, Instant now) {
        entityManager.createNativeQuery("""
                        INSERT INTO risk.reservations (quote_id, user_id, chain_id, day, usd_cents, treasury_chain_id,
                            token, amount, created_at)
                        VALUES (?1, ?2, ?3, ?4, CAST(?5 AS numeric), ?6, ?7, CAST(?8 AS numeric), ?9)""")
                .setParameter(1, quoteId)
                .setParameter(2, user)
                .setParameter(3, chain)
                .setParameter(4, Date.valueOf(day))
                .setParameter(5, cents.toString())
                .setParameter(6, treasuryChain)
                .setParameter(7, token)
                .setParameter(8, amount.toString())
                .setParameter(9, Timestamp.from(now))
                .executeUpdate();
    }

    /** Marks the treasury part released, once: true only for the call that did it. */
    boolean releaseTreasury(UUID quoteId, Instant now) {
        return entityManager.createNativeQuery("""
                        UPDATE risk.reservations SET treasury_released_at = ?2
                        WHERE quote_id = ?1 AND treasury_released_at IS NULL""")
                .setParameter(1, quoteId)
                .setParameter(2, Timestamp.from(now))
                .executeUpdate() == 1;
    }

    /** Marks the counted value released, once: true only for the call that did it. */
    boolean releaseCounters(UUID quoteId, Instant now) {
        return entityManager.createNativeQuery("""
                        UPDATE risk.reservations SET counters_released_at = ?2
                        WHERE quote_id = ?1 AND counters_released_at IS NULL""")
                .setParameter(1, quoteId)
                .setParameter(2, Timestamp.from(now))
                .executeUpdate() == 1;
    }

    Optional<Reservation> reservation(UUID quoteId) {
        List<?> rows = entityManager.createNativeQuery("""
                        SELECT user_id::text, chain_id, day::text, usd_cents::text, treasury_chain_id, token, amount::text
                        FROM risk.reservations WHERE quote_id = ?1""")
                .setParameter(1, quoteId)
                .getResultList();
        return rows.stream().findFirst().map(row -> {
            Object[] columns = (Object[]) row;
            return new Reservation(UUID.fromString((String) columns[0]), ((Number) columns[1]).longValue(),
                    LocalDate.parse((String) columns[2]), new BigInteger((String) columns[3]),
                    ((Number) columns[4]).longValue(), (String) columns[5], new BigInteger((String) columns[6]));
        });
    }

    void releaseLiquidity(long chain, String token, BigInteger amount) {
        entityManager.createNativeQuery("""
                        UPDATE risk.treasury_reserved SET reserved = GREATEST(reserved - CAST(?3 AS numeric), 0)
                        WHERE chain_id = ?1 AND token = ?2""")
                .setParameter(1, chain)
                .setParameter(2, token)
                .setParameter(3, amount.toString())
                .executeUpdate();
    }

    record Reservation(UUID user, long chain, LocalDate day, BigInteger usdCents, long treasuryChain, String token,
                       BigInteger amount) {
    }
}

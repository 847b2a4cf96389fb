package io.swapdesk.identity.internal;

import io.swapdesk.identity.ChainFamily;
import io.swapdesk.identity.Role;
import io.swapdesk.identity.UserId;
import io.swapdesk.identity.VerifiedWallet;
import io.swapdesk.identity.WalletAddress;
import io.swapdesk.platform.Ids;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The identity schema, in SQL. Plain native statements rather than entities: every write here is a
 * conditional or conflict-aware statement (consume once, insert unless owned, count in a window),
 * which is what keeps races safe, and JPQL has no words for them. Every method joins the caller's
 * transaction, or runs in one of its own.
 *
 * <p>Nothing here throws for an expected outcome: an exception leaving a transactional method is
 * logged by the server as an incident, so refusals are returned as values and thrown by callers.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.REQUIRED)
class IdentityStore {

    /** Bounded, so that one request never pays for a long backlog. */
    private static final int PURGE_BATCH = 100;

    @PersistenceContext(unitName = "swapdesk")
    private EntityManager entityManager;

    @Resource(lookup = "jdbc/swapdesk")
    DataSource dataSource;

    /** Purges expired challenges and stores the new one, in one transaction. */
    void saveChallenge(UUID id, byte[] nonceHash, SignInMessage message) {
        purgeExpired(message.issuedAt());
        entityManager.createNativeQuery("""
                        INSERT INTO identity.challenges
                            (id, nonce_hash, family, address, chain_id, message, issued_at, expires_at)
                        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)""")
                .setParameter(1, id)
                .setParameter(2, nonceHash)
                .setParameter(3, message.family().wireName())
                .setParameter(4, message.address())
                .setParameter(5, message.chainId())
                .setParameter(6, message.render())
                .setParameter(7, Timestamp.from(message.issuedAt()))
                .setParameter(8, Timestamp.from(message.expiresAt()))
                .executeUpdate();
    }

    /** Deletes expired challenges and finished rate-limit windows, oldest first, a bounded batch of each. */
    int purgeExpired(Instant now) {
        int challenges = entityManager.createNativeQuery("""
                        DELETE FROM identity.challenges WHERE id IN (
                            SELECT id FROM identity.challenges WHERE expires_at <= ?1 ORDER BY expires_at LIMIT ?2)""")
                .setParameter(1, Timestamp.from(now))
                .setParameter(2, PURGE_BATCH)
                .executeUpdate();
        int windows = entityManager.createNativeQuery("""
                        DELETE FROM identity.rate_limit_windows WHERE (limit_key, window_start) IN (
                            SELECT limit_key, window_start FROM identity.rate_limit_windows
                            WHERE window_start < ?1 ORDER BY window_start LIMIT ?2)""")
                .setParameter(1, Timestamp.from(now.minusSeconds(120)))
                .setParameter(2, PURGE_BATCH)
                .executeUpdate();
        return challenges + windows;
    }

    Optional<StoredChallenge> findChallenge(byte[] nonceHash) {
        List<?> rows = entityManager.createNativeQuery("""
                        SELECT id, family, address, chain_id, message, expires_at, consumed_at IS NOT NULL
                        FROM identity.challenges WHERE nonce_hash = ?1""")
                .setParameter(1, nonceHash)
                .getResultList();
        return rows.stream().findFirst().map(row -> {
            Object[] columns = (Object[]) row;
            return new StoredChallenge((UUID) columns[0],
                    new WalletAddress(ChainFamily.fromWireName((String) columns[1]), (String) columns[2]),
                    (String) columns[3], (String) columns[4], instant(columns[5]), (Boolean) columns[6]);
        });
    }

    /**
     * Marks the challenge used if it is still unused and unexpired. Two racing callers both reach the
     * row; PostgreSQL makes the second wait for the first and then re-checks the condition, so
     * exactly one of them gets {@code true}.
     */
    boolean consumeChallenge(UUID id, Instant now) {
        return entityManager.createNativeQuery("""
                        UPDATE identity.challenges SET consumed_at = ?2
                        WHERE id = ?1 AND consumed_at IS NULL AND expires_at > ?2""")
                .setParameter(1, id)
                .setParameter(2, Timestamp.from(now))
                .executeUpdate() == 1;
    }

    Optional<UserId> ownerOf(WalletAddress wallet) {
        List<?> rows = entityManager.createNativeQuery(
                        "SELECT user_id FROM identity.wallets WHERE family = ?1 AND address = ?2")
                .setParameter(1, wallet.family().wireName())
                .setParameter(2, wallet.address())
                .getResultList();
        return rows.stream().findFirst().map(id -> new UserId((UUID) id));
    }

    /**
     * The owner of each of the wallets that is verified, in one statement whatever their number. Plain JDBC (the
     * connection joins the caller's transaction): the statement binds two arrays, and it runs for every group of new
     * quotes.
     */
    Map<WalletAddress, UserId> owners(Collection<WalletAddress> wallets) {
        if (wallets.isEmpty()) {
            return Map.of();
        }
        List<WalletAddress> distinct = wallets.stream().distinct().toList();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement("""
                     SELECT family, address, user_id::text FROM identity.wallets
                     WHERE (family, address) IN (SELECT * FROM unnest(?::text[], ?::text[]))""")) {
            statement.setArray(1, connection.createArrayOf("text",
                    distinct.stream().map(wallet -> wallet.family().wireName()).toArray()));
            statement.setArray(2, connection.createArrayOf("text",
                    distinct.stream().map(WalletAddress::address).toArray()));
            Map<WalletAddress, UserId> owners = new HashMap<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    owners.put(new WalletAddress(ChainFamily.fromWireName(rows.getString(1)), rows.getString(2)),
                            UserId.parse(rows.getString(3)));
                }
            }
            return owners;
        } catch (SQLException e) {
            throw new PersistenceException("reading the owners of " + distinct.size() + " wallets failed", e);
        }
    }

    UserId createUser(Instant now) {
        UserId user = new UserId(Ids.newId());
        entityManager.createNativeQuery("INSERT INTO identity.users (id, created_at) VALUES (?1, ?2)")
                .setParameter(1, user.value())
                .setParameter(2, Timestamp.from(now))
                .executeUpdate();
        return user;
    }

    void deleteUser(UserId user) {
        entityManager.createNativeQuery("DELETE FROM identity.users WHERE id = ?1")
                .setParameter(1, user.value())
                .executeUpdate();
    }

    boolean userExists(UserId user) {
        return !entityManager.createNativeQuery("SELECT 1 FROM identity.users WHERE id = ?1")
                .setParameter(1, user.value())
                .getResultList().isEmpty();
    }

    /** Links the wallet unless someone (perhaps a racing sign-in) already owns it; true if this call linked it. */
    boolean linkWallet(WalletAddress wallet, UserId user, Instant now) {
        return entityManager.createNativeQuery("""
                        INSERT INTO identity.wallets (family, address, user_id, verified_at) VALUES (?1, ?2, ?3, ?4)
                        ON CONFLICT (family, address) DO NOTHING""")
                .setParameter(1, wallet.family().wireName())
                .setParameter(2, wallet.address())
                .setParameter(3, user.value())
                .setParameter(4, Timestamp.from(now))
                .executeUpdate() == 1;
    }

    List<VerifiedWallet> walletsOf(UserId user) {
        List<?> rows = entityManager.createNativeQuery("""
                        SELECT family, address, verified_at FROM identity.wallets
                        WHERE user_id = ?1 ORDER BY verified_at, family, address""")
                .setParameter(1, user.value())
                .getResultList();
        return rows.stream().map(row -> {
            Object[] columns = (Object[]) row;
            return new VerifiedWallet(new WalletAddress(ChainFamily.fromWireName((String) columns[0]),
                    (String) columns[1]), instant(columns[2]));
        }).toList();
    }

    /** Locks the user's wallet rows, so that two concurrent removals cannot both leave one wallet. */
    int lockWalletCount(UserId user) {
        return entityManager.createNativeQuery("SELECT 1 FROM identity.wallets WHERE user_id = ?1 FOR UPDATE")
                .setParameter(1, user.value())
                .getResultList().size();
    }

    boolean unlinkWallet(UserId user, WalletAddress wallet) {
        return entityManager.createNativeQuery(
                        "DELETE FROM identity.wallets WHERE user_id = ?1 AND family = ?2 AND address = ?3")
                .setParameter(1, user.value())
                .setParameter(2, wallet.family().wireName())
                .setParameter(3, wallet.address())
                .executeUpdate() == 1;
    }

    Set<Role> grantedRoles(UserId user) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        entityManager.createNativeQuery("SELECT role FROM identity.user_roles WHERE user_id = ?1")
                .setParameter(1, user.value())
                .getResultList()
                .forEach(role -> roles.add(Role.fromWireName((String) role)));
        return roles;
    }

    boolean grantRole(UserId user, Role role, UserId by, Instant now) {
        return entityManager.createNativeQuery("""
                        INSERT INTO identity.user_roles (user_id, role, granted_by, granted_at) VALUES (?1, ?2, ?3, ?4)
                        ON CONFLICT (user_id, role) DO NOTHING""")
                .setParameter(1, user.value())
                .setParameter(2, role.wireName())
                .setParameter(3, by.value())
                .setParameter(4, Timestamp.from(now))
                .executeUpdate() == 1;
    }

    boolean revokeRole(UserId user, Role role) {
        return entityManager.createNativeQuery("DELETE FROM identity.user_roles WHERE user_id = ?1 AND role = ?2")
                .setParameter(1, user.value())
                .setParameter(2, role.wireName())
                .executeUpdate() == 1;
    }

    /** Counts one attempt in the key's window and returns the window's count, this attempt included. */
    int countAttempt(String key, Instant windowStart) {
        Number hits = (Number) entityManager.createNativeQuery("""
                        INSERT INTO identity.rate_limit_windows (limit_key, window_start, hits) VALUES (?1, ?2, 1)
                        ON CONFLICT (limit_key, window_start)
                        DO UPDATE SET hits = identity.rate_limit_windows.hits + 1
                        RETURNING hits""")
                .setParameter(1, key)
                .setParameter(2, Timestamp.from(windowStart))
                .getSingleResult();
        return hits.intValue();
    }

    private static Instant instant(Object column) {
        return switch (column) {
            case Timestamp timestamp -> timestamp.toInstant();
            case Instant instant -> instant;
            case java.time.OffsetDateTime offset -> offset.toInstant();
            default -> throw new IllegalStateException("unexpected timestamp type " + column.getClass());
        };
    }
}

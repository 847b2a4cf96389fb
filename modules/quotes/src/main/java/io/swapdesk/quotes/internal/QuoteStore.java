package io.swapdesk.quotes.internal;

import io.swapdesk.platform.ChainId;
import io.swapdesk.platform.EvmAddress;
import io.swapdesk.quotes.QuotePayout;
import io.swapdesk.quotes.QuoteStatus;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;

import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * The quotes schema, in SQL. Plain native statements: every status change is a conditional update
 * ({@code WHERE status IN (…)}) whose row count says whether this caller made it, which JPQL cannot express as
 * plainly. Every method joins the caller's transaction, or runs in one of its own.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.REQUIRED)
class QuoteStore {

    private static final String COLUMNS = """
            id::text, user_id::text, status, from_chain_id, from_asset, from_token, from_decimals, to_chain_id, to_asset,
            to_token, to_decimals, recipient, amount_in::text, amount_out::text, min_amount_out::text, fee::text,
            notional_usd_cents::text, price::text, escrow, created_at, expires_at, updated_at, paid_amount::text,
            deposit_tx_hash, committed_at, tx_hash, block_number, amount_delivered::text, reason""";

    /**
     * Claims the keys and inserts the quotes of the claimed ones, in one statement: the quotes come from the same
     * arrays as the claims, and only a quote whose key this statement claimed is inserted. Answers the quotes created.
     */
    private static final String CREATE = """
            WITH new AS (
                SELECT * FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                    ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                    ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])
                AS new(id, user_id, status, from_chain_id, from_asset, from_token, from_decimals, to_chain_id,
                    to_asset, to_token, to_decimals, recipient, amount_in, amount_out, min_amount_out, fee,
                    notional_usd_cents, price, escrow, created_at, expires_at, idempotency_key, request_hash)
            ), claimed AS (
                INSERT INTO quotes.idempotency_keys (user_id, idempotency_key, request_hash, quote_id, created_at)
                SELECT user_id::uuid, idempotency_key, decode(request_hash, 'hex'), id::uuid, created_at::timestamptz
                FROM new
                ON CONFLICT (user_id, idempotency_key) DO NOTHING
                RETURNING quote_id
            )
            INSERT INTO quotes.quotes (id, user_id, status, from_chain_id, from_asset, from_token, from_decimals,
                to_chain_id, to_asset, to_token, to_decimals, recipient, amount_in, amount_out, min_amount_out, fee,
                notional_usd_cents, price, escrow, created_at, expires_at, updated_at)
            SELECT id::uuid, user_id::uuid, status, from_chain_id::bigint, from_asset, from_token,
                from_decimals::integer, to_chain_id::bigint, to_asset, to_token, to_decimals::integer, recipient,
                amount_in::numeric, amount_out::numeric, min_amount_out::numeric, fee::numeric,
                notional_usd_cents::numeric, price::jsonb, escrow, created_at::timestamptz, expires_at::timestamptz,
                created_at::timestamptz
            FROM new JOIN claimed ON claimed.quote_id = new.id::uuid
            RETURNING id::text""";

    private static final String USED_KEYS = """
            SELECT user_id::text, idempotency_key, request_hash, quote_id::text FROM quotes.idempotency_keys
            WHERE (user_id, idempotency_key) IN (SELECT user_id::uuid, idempotency_key
                FROM unnest(?::text[], ?::text[]) AS used(user_id, idempotency_key))""";

    @PersistenceContext(unitName = "swapdesk")
    private EntityManager entityManager;

    /** The JTA datasource: the group's statements bind arrays, which the JDBC API has words for and JPA has not. */
    @Resource(lookup = "jdbc/swapdesk")
    DataSource dataSource;

    /**
     * Claims the idempotency keys and inserts the quotes whose key was free and whose recipient is verified, in one
     * statement whatever their number (plus one reading the keys used before, when any were), in the caller's
     * transaction: the answers, in the order of {@code group}.
     *
     * <p>The keys are claimed in one order (user, key), so two groups claiming the same keys at once wait for one
     * another instead of deadlocking; a key claimed by a concurrent group is waited for and then read as used.
     */
    List<Written> createGroup(List<NewQuote> group) {
        List<NewQuote> claiming = group.stream().filter(NewQuote::recipientVerified)
                .sorted(Comparator.comparing((NewQuote each) -> each.quote().userId()).thenComparing(NewQuote::key))
                .toList();
        try (Connection connection = dataSource.getConnection()) {
            Set<UUID> claimed = create(connection, claiming);
            List<NewQuote> unclaimed = group.stream().filter(each -> !claimed.contains(each.quote().id())).toList();
            Map<KeyOf, UsedKey> used = usedKeys(connection, unclaimed);
            return group.stream().map(each -> written(each, claimed, used)).toList();
        } catch (SQLException e) {
            throw new PersistenceException("writing " + group.size() + " quotes failed", e); // rolls back
        }
    }

    /** A quote to create, under its idempotency key. */
    record NewQuote(Quote quote, String key, byte[] requestHash, boolean recipientVerified) {
    }

    /** What became of a {@link NewQuote}. */
    sealed interface Written {
    }

    record Created() implements Written {
    }

    /** The key was used before, by the quote named: a replay, or another request under the same key. */
    record KeyUsed(UsedKey used) implements Written {
    }

    /** Nothing written: the recipient is not a verified wallet of the user, and the key was not used. */
    record RecipientNotVerified() implements Written {
    }

    private static Written written(NewQuote each, Set<UUID> claimed, Map<KeyOf, UsedKey> used) {
        if (claimed.contains(each.quote().id())) {
            return new Created();
        }
        UsedKey key = used.get(new KeyOf(each.quote().userId(), each.key()));
        if (key != null) {
            return new KeyUsed(key);
        }
        if (each.recipientVerified()) {
            // The conflicting claim was rolled back after this group waited for it: not expected, since a claim
            // commits with its quote, but never answered as a success.
            throw new IllegalStateException("idempotency key neither claimed nor found");
        }
        return new RecipientNotVerified();
    }

    private record KeyOf(UUID user, String key) {
    }

    private static Set<UUID> create(Connection connection, List<NewQuote> claiming) throws SQLException {
        if (claiming.isEmpty()) {
            return Set.of();
        }
        List<Quote> quotes = claiming.stream().map(NewQuote::quote).toList();
        try (PreparedStatement statement = connection.prepareStatement(CREATE)) {
            bind(connection, statement,
                    column(quotes, quote -> quote.id().toString()),
                    column(quotes, quote -> quote.userId().toString()),
                    column(quotes, quote -> quote.status().name()),
                    column(quotes, quote -> Long.toString(quote.from().chain().value())),
                    column(quotes, quote -> quote.from().symbol()),
                    column(quotes, quote -> quote.from().token().toChecksumString()),
                    column(quotes, quote -> Integer.toString(quote.from().decimals())),
                    column(quotes, quote -> Long.toString(quote.to().chain().value())),
                    column(quotes, quote -> quote.to().symbol()),
                    column(quotes, quote -> quote.to().token().toChecksumString()),
                    column(quotes, quote -> Integer.toString(quote.to().decimals())),
                    column(quotes, quote -> quote.recipient().toChecksumString()),
                    column(quotes, quote -> quote.amountIn().toString()),
                    column(quotes, quote -> quote.amountOut().toString()),
                    column(quotes, quote -> quote.minAmountOut().toString()),
                    column(quotes, quote -> quote.fee().toString()),
                    column(quotes, quote -> quote.notionalUsdCents().toString()),
                    column(quotes, Quote::priceJson),
                    column(quotes, quote -> quote.escrow().toChecksumString()),
                    column(quotes, quote -> quote.createdAt().toString()),
                    column(quotes, quote -> quote.expiresAt().toString()),
                    column(claiming, NewQuote::key),
                    column(claiming, each -> HexFormat.of().formatHex(each.requestHash())));
            Set<UUID> created = new HashSet<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    created.add(UUID.fromString(rows.getString(1)));
                }
            }
            return created;
        }
    }

    private static Map<KeyOf, UsedKey> usedKeys(Connection connection, List<NewQuote> unclaimed) throws SQLException {
        if (unclaimed.isEmpty()) {
            return Map.of();
        }
        try (PreparedStatement statement = connection.prepareStatement(USED_KEYS)) {
            bind(connection, statement,
                    column(unclaimed, each -> each.quote().userId().toString()),
                    column(unclaimed, NewQuote::key));
            Map<KeyOf, UsedKey> used = new HashMap<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    used.put(new KeyOf(UUID.fromString(rows.getString(1)), rows.getString(2)),
                            new UsedKey(rows.getBytes(3), UUID.fromString(rows.getString(4))));
                }
            }
            return used;
        }
    }

    private static <T> String[] column(List<T> rows, Function<T, String> value) {
        return rows.stream().map(value).toArray(String[]::new);
    }

    private static void bind(Connection connection, PreparedStatement statement, String[]... columns)
            throws SQLException {
        for (int i = 0; i < columns.length; i++) {
            statement.setArray(i + 1, connection.createArrayOf("text", columns[i]));
        }
    }

    /** One quote, alone: for tests that need a quote in a given state. */
    void insert(Quote quote) {
        entityManager.createNativeQuery("""
                        INSERT INTO quotes.quotes (id, user_id, status, from_chain_id, from_asset, from_token,
                            from_decimals, to_chain_id, to_asset, to_token, to_decimals, recipient, amount_in, amount_out,
                            min_amount_out, fee, notional_usd_cents, price, escrow, created_at, expires_at, updated_at)
                        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, CAST(?13 AS numeric),
                            CAST(?14 AS numeric), CAST(?15 AS numeric), CAST(?16 AS numeric), CAST(?17 AS numeric),
                            CAST(?18 AS jsonb), ?19, ?20, ?21, ?20)""")
                .setParameter(1, quote.id())
                .setParameter(2, quote.userId())
                .setParameter(3, quote.status().name())
                .setParameter(4, quote.from().chain().value())
                .setParameter(5, quote.from().symbol())
                .setParameter(6, quote.from().token().toChecksumString())
                .setParameter(7, quote.from().decimals())
                .setParameter(8, quote.to().chain().value())
                .setParameter(9, quote.to().symbol())
                .setParameter(10, quote.to().token().toChecksumString())
                .setParameter(11, quote.to().decimals())
                .setParameter(12, quote.recipient().toChecksumString())
                .setParameter(13, quote.amountIn().toString())
                .setParameter(14, quote.amountOut().toString())
                .setParameter(15, quote.minAmountOut().toString())
                .setParameter(16, quote.fee().toString())
                .setParameter(17, quote.notionalUsdCents().toString())
                .setParameter(18, quote.priceJson())
                .setParameter(19, quote.escrow().toChecksumString())
                .setParameter(20, Timestamp.from(quote.createdAt()))
                .setParameter(21, Timestamp.from(quote.expiresAt()))
                .executeUpdate();
    }

    Optional<Quote> find(UUID id) {
        return rows(entityManager.createNativeQuery("SELECT " + COLUMNS + " FROM quotes.quotes WHERE id = ?1")
                .setParameter(1, id)).stream().findFirst();
    }

    /** The payout chain and token of each of the quotes that exist, in one statement whatever their number. */
    Map<UUID, QuotePayout> payouts(Collection<UUID> ids) {
        String array = ids.stream().map(UUID::toString).collect(Collectors.joining(",", "{", "}"));
        List<?> rows = entityManager.createNativeQuery(
                        "SELECT id::text, to_chain_id, to_token FROM quotes.quotes WHERE id = ANY (CAST(?1 AS uuid[]))")
                .setParameter(1, array)
                .getResultList();
        Map<UUID, QuotePayout> payouts = new HashMap<>();
        for (Object row : rows) {
            Object[] columns = (Object[]) row;
            payouts.put(UUID.fromString((String) columns[0]), new QuotePayout(
                    ChainId.of(((Number) columns[1]).longValue()), EvmAddress.parse((String) columns[2])));
        }
        return payouts;
    }

    /** The user's quotes, newest first, older than {@code before} when given, with {@code status} when given. */
    List<Quote> page(UUID user, Optional<QuoteStatus> status, Optional<UUID> before, int limit) {
        Query query = entityManager.createNativeQuery("SELECT " + COLUMNS + " FROM quotes.quotes WHERE user_id = :user"
                        + (status.isPresent() ? " AND status = :status" : "")
                        + (before.isPresent() ? " AND id < :before" : "")
                        + " ORDER BY id DESC LIMIT :limit")
                .setParameter("user", user)
                .setParameter("limit", limit);
        status.ifPresent(value -> query.setParameter("status", value.name()));
        before.ifPresent(value -> query.setParameter("before", value));
        return rows(query);
    }

    /** The request hash and quote of the user's idempotency key, when it was used before. */
    Optional<UsedKey> findKey(UUID user, String key) {
        List<?> rows = entityManager.createNativeQuery("""
                        SELECT request_hash, quote_id::text FROM quotes.idempotency_keys
                        WHERE user_id = ?1 AND idempotency_key = ?2""")
                .setParameter(1, user)
                .setParameter(2, key)
                .getResultList();
        return rows.stream().findFirst().map(row -> {
            Object[] columns = (Object[]) row;
            return new UsedKey((byte[]) columns[0], UUID.fromString((String) columns[1]));
        });
    }

    /**
     * PENDING (or EXPIRED, for a deposit made in time) → COMMITTED with the payment; false when the quote was in
     * neither (another commit won).
     */
    boolean commit(UUID id, BigInteger paid, EvmAddress payer, String depositTxHash, Instant now) {
        return entityManager.createNativeQuery("""
                        UPDATE quotes.quotes SET status = 'COMMITTED', paid_amount = CAST(?2 AS numeric), payer = ?3,
                            deposit_tx_hash = ?4, committed_at = ?5, updated_at = ?5
                        WHERE id = ?1 AND status IN ('PENDING', 'EXPIRED')""")
                .setParameter(1, id)
                .setParameter(2, paid.toString())
                .setParameter(3, payer.toChecksumString())
                .setParameter(4, depositTxHash)
                .setParameter(5, Timestamp.from(now))
                .executeUpdate() == 1;
    }

    /**
     * Moves the quote to {@code to} if it is in one of {@code from}, setting the execution fields that are given (an
     * absent one keeps its stored value); false when it was in none of them.
     */
    boolean transition(UUID id, Collection<QuoteStatus> from, QuoteStatus to, Optional<String> txHash,
                       Optional<Long> blockNumber, Optional<BigInteger> amountDelivered, Optional<String> reason,
                       Instant now) {
        StringBuilder sql = new StringBuilder("UPDATE quotes.quotes SET status = :to, updated_at = :now");
        txHash.ifPresent(value -> sql.append(", tx_hash = :txHash"));
        blockNumber.ifPresent(value -> sql.append(", block_number = :block"));
        amountDelivered.ifPresent(value -> sql.append(", amount_delivered = CAST(:delivered AS numeric)"));
        reason.ifPresent(value -> sql.append(", reason = :reason"));
        sql.append(" WHERE id = :id AND status IN (")
                .append(String.join(", ", from.stream().map(status -> "'" + status.name() + "'").toList()))
                .append(")");
        Query query = entityManager.createNativeQuery(sql.toString())
                .setParameter("id", id)
                .setParameter("to", to.name())
                .setParameter("now", Timestamp.from(now));
        txHash.ifPresent(value -> query.setParameter("txHash", value));
        blockNumber.ifPresent(value -> query.setParameter("block", value));
        amountDelivered.ifPresent(value -> query.setParameter("delivered", value.toString()));
        reason.ifPresent(value -> query.setParameter("reason", value));
        return query.executeUpdate() == 1;
    }

    /**
     * Locks up to {@code limit} unpaid quotes that expired before {@code cutoff}, skipping rows another server's job
     * holds, and moves them to EXPIRED; returns them as they were.
     */
    List<Quote> expireDue(Instant cutoff, Instant now, int limit) {
        List<Quote> due = rows(entityManager.createNativeQuery("SELECT " + COLUMNS + " FROM quotes.quotes"
                        + " WHERE status = 'PENDING' AND expires_at < ?1 ORDER BY expires_at LIMIT ?2"
                        + " FOR UPDATE SKIP LOCKED")
                .setParameter(1, Timestamp.from(cutoff))
                .setParameter(2, limit));
        List<Quote> expired = new ArrayList<>();
        for (Quote quote : due) {
            if (transition(quote.id(), List.of(QuoteStatus.PENDING), QuoteStatus.EXPIRED, Optional.empty(),
                    Optional.empty(), Optional.empty(), Optional.empty(), now)) {
                expired.add(quote);
            }
        }
        return expired;
    }

    record UsedKey(byte[] requestHash, UUID quoteId) {
    }

    private static List<Quote> rows(Query query) {
        return ((List<?>) query.getResultList()).stream().map(row -> quote((Object[]) row)).toList();
    }

    private static Quote quote(Object[] c) {
        Quote.Execution execution = new Quote.Execution(
                Optional.ofNullable((String) c[22]).map(BigInteger::new),
                Optional.ofNullable((String) c[23]),
                Optional.ofNullable((String) c[25]),
                Optional.ofNullable((Number) c[26]).map(Number::longValue),
                Optional.ofNullable((String) c[27]).map(BigInteger::new),
                Optional.ofNullable((String) c[28]),
                Optional.ofNullable(c[24]).map(QuoteStore::instant),
                instant(c[21]));
        return new Quote(UUID.fromString((String) c[0]), UUID.fromString((String) c[1]),
                QuoteStatus.valueOf((String) c[2]),
                new QuotedAsset(ChainId.of(((Number) c[3]).longValue()), (String) c[4], EvmAddress.parse((String) c[5]),
                        ((Number) c[6]).intValue()),
                new QuotedAsset(ChainId.of(((Number) c[7]).longValue()), (String) c[8], EvmAddress.parse((String) c[9]),
                        ((Number) c[10]).intValue()),
                EvmAddress.parse((String) c[11]), new BigInteger((String) c[12]), new BigInteger((String) c[13]),
                new BigInteger((String) c[14]), new BigInteger((String) c[15]), new BigInteger((String) c[16]),
                (String) c[17], EvmAddress.parse((String) c[18]), instant(c[19]), instant(c[20]), execution);
    }

    private static Instant instant(Object column) {
        return switch (column) {
            case Timestamp timestamp -> timestamp.toInstant();
            case Instant instant -> instant;
            case OffsetDateTime offset -> offset.toInstant();
            default -> throw new IllegalStateException("not a timestamp: " + column.getClass().getName());
        };
    }

}

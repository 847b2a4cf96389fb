package io.swapdesk.charts.internal;

import io.swapdesk.charts.Bar;
import io.swapdesk.charts.Interval;
import io.swapdesk.pricing.Pair;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.UserTransaction;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * {@code charts.bars} (V6) over plain JDBC on the JTA datasource. Not JPA: a batch of closed bars is one
 * {@code INSERT … SELECT FROM unnest(arrays) ON CONFLICT} statement (one round trip), and the history query reads
 * rows straight into {@link Bar} records; there is no entity behaviour for JPA to map.
 *
 * <p>Writing a bar that is already stored joins the two ({@link Bar#followedBy}) when the new one is the rest of the
 * interval (the stored row written before a restart), and replaces the stored row when the new one was built from the
 * interval's first tick (the stored row is then an earlier copy of the same ticks, written by another server that
 * stopped while this one relayed its ticks).
 */
@ApplicationScoped
class BarStore {

    private static final String INSERT = "INSERT INTO charts.bars AS b"
            + " (pair, bar_interval, start_time, open, high, low, close, ticks)"
            + " SELECT pair, bar_interval, start_time::timestamptz, open::numeric, high::numeric, low::numeric,"
            + " close::numeric, ticks::integer"
            + " FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])"
            + " AS t(pair, bar_interval, start_time, open, high, low, close, ticks)"
            + " ON CONFLICT (pair, bar_interval, start_time) DO UPDATE SET"
            + " high = GREATEST(b.high, EXCLUDED.high), low = LEAST(b.low, EXCLUDED.low), ";

    /** The rest of an interval whose earlier part may be stored (written before a restart): the two are joined. */
    private static final String JOIN = INSERT + "close = EXCLUDED.close, ticks = b.ticks + EXCLUDED.ticks";

    /**
     * A bar built from its interval's first tick: a stored row is a copy of some of the same ticks (written by another
     * server as it stopped), so the bar takes its place; the extremes are kept, should this server have missed a
     * relayed tick. Both are the same ticks from the interval's start, so the one with more has the later close: the
     * stopped server's copy can be written last (its shutdown comes after this server closed the bar).
     */
    private static final String REPLACE = INSERT + "open = EXCLUDED.open,"
            + " close = CASE WHEN EXCLUDED.ticks >= b.ticks THEN EXCLUDED.close ELSE b.close END,"
            + " ticks = GREATEST(b.ticks, EXCLUDED.ticks)";

    /** Newest first from the primary key, then turned around: the latest {@code limit} bars of the range. */
    private static final String LATEST = "SELECT start_time, open, high, low, close, ticks FROM charts.bars"
            + " WHERE pair = ? AND bar_interval = ? AND start_time >= ? AND start_time <= ?"
            + " ORDER BY start_time DESC LIMIT ?";

    private static final String ANY = "SELECT EXISTS (SELECT 1 FROM charts.bars WHERE pair = ?)";

    @Resource(lookup = "jdbc/swapdesk")
    DataSource dataSource;

    @Inject
    UserTransaction transaction;

    /**
     * Stores closed bars in a transaction of their own: those built from their interval's first tick
     * ({@code wholeInterval}) in place of a stored part, the others joined to it.
     */
    void write(List<Bar> bars, Predicate<Bar> wholeInterval) throws Exception {
        Map<Boolean, List<Bar>> byKind = bars.stream().collect(Collectors.partitioningBy(wholeInterval));
        transaction.begin();
        try {
            try (Connection connection = dataSource.getConnection()) {
                upsert(connection, REPLACE, joinDuplicates(byKind.get(true)));
                upsert(connection, JOIN, joinDuplicates(byKind.get(false)));
            }
            transaction.commit();
        } catch (Exception e) {
            if (transaction.getStatus() != Status.STATUS_NO_TRANSACTION) {
                transaction.rollback();
            }
            throw e;
        }
    }

    private static void upsert(Connection connection, String sql, List<Bar> bars) throws SQLException {
        if (bars.isEmpty()) {
            return;
        }
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            String[][] columns = new String[8][bars.size()];
            for (int i = 0; i < bars.size(); i++) {
                Bar bar = bars.get(i);
                columns[0][i] = bar.pair().toString();
                columns[1][i] = bar.interval().code();
                columns[2][i] = bar.start().toString();
                columns[3][i] = bar.open().toPlainString();
                columns[4][i] = bar.high().toPlainString();
                columns[5][i] = bar.low().toPlainString();
                columns[6][i] = bar.close().toPlainString();
                columns[7][i] = Long.toString(bar.ticks());
            }
            for (int c = 0; c < columns.length; c++) {
                statement.setArray(c + 1, connection.createArrayOf("text", columns[c]));
            }
            statement.executeUpdate();
        }
    }

    /** Whether any bar of the pair is stored (the primary key's first column: one index probe). */
    boolean hasAny(Pair pair) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(ANY)) {
            statement.setString(1, pair.toString());
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() && rows.getBoolean(1);
            }
        }
    }

    /** The latest {@code limit} stored bars starting in [from, to], oldest first. */
    List<Bar> latest(Pair pair, Interval interval, Instant from, Instant to, int limit) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(LATEST)) {
            statement.setString(1, pair.toString());
            statement.setString(2, interval.code());
            statement.setObject(3, OffsetDateTime.ofInstant(from, ZoneOffset.UTC));
            statement.setObject(4, OffsetDateTime.ofInstant(to, ZoneOffset.UTC));
            statement.setInt(5, limit);
            List<Bar> bars = new ArrayList<>(limit);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    bars.add(new Bar(pair, interval, rows.getObject(1, OffsetDateTime.class).toInstant(),
                            rows.getBigDecimal(2), rows.getBigDecimal(3), rows.getBigDecimal(4), rows.getBigDecimal(5),
                            rows.getLong(6), false));
                }
            }
            Collections.reverse(bars);
            return bars;
        }
    }

    /** One statement may not update a row twice: parts of one bar in one batch are joined first, in order. */
    private static List<Bar> joinDuplicates(List<Bar> bars) {
        Map<String, Bar> byKey = new LinkedHashMap<>();
        for (Bar bar : bars) {
            byKey.merge(bar.pair() + "/" + bar.interval() + "/" + bar.start(), bar, Bar::followedBy);
        }
        return List.copyOf(byKey.values());
    }
}

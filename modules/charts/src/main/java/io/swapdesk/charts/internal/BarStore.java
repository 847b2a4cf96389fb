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
import javax.sql.DataSource;

/**
 * {@code charts.bars} (V6) over plain JDBC on the JTA datasource. Not JPA: a batch of closed bars is one
 * {@code INSERT … SELECT FROM unnest(arrays) ON CONFLICT} statement (one round trip), and the history query reads
 * rows straight into {@link Bar} records; there is no entity behaviour for JPA to map.
 *
 * <p>Writing a bar that is already stored joins the two ({@link Bar#followedBy}): the stored row is the earlier part
 * (e.g. written at shutdown), the new one the rest of the interval.
 */
@ApplicationScoped
class BarStore {

    private static final String UPSERT = "INSERT INTO charts.bars AS b"
            + " (pair, bar_interval, start_time, open, high, low, close, ticks)"
            + " SELECT pair, bar_interval, start_time::timestamptz, open::numeric, high::numeric, low::numeric,"
            + " close::numeric, ticks::integer"
            + " FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])"
            + " AS t(pair, bar_interval, start_time, open, high, low, close, ticks)"
            + " ON CONFLICT (pair, bar_interval, start_time) DO UPDATE SET"
            + " high = GREATEST(b.high, EXCLUDED.high), low = LEAST(b.low, EXCLUDED.low),"
            + " close = EXCLUDED.close, ticks = b.ticks + EXCLUDED.ticks";

    /** Newest first from the primary key, then turned around: the latest {@code limit} bars of the range. */
    private static final String LATEST = "SELECT start_time, open, high, low, close, ticks FROM charts.bars"
            + " WHERE pair = ? AND bar_interval = ? AND start_time >= ? AND start_time <= ?"
            + " ORDER BY start_time DESC LIMIT ?";

    @Resource(lookup = "jdbc/swapdesk")
    DataSource dataSource;

    @Inject
    UserTransaction transaction;

    /** Stores closed bars in a transaction of their own. */
    void write(List<Bar> bars) throws Exception {
        List<Bar> distinct = joinDuplicates(bars);
        transaction.begin();
        try {
            try (Connection connection = dataSource.getConnection();
                 PreparedStatement statement = connection.prepareStatement(UPSERT)) {
                String[][] columns = new String[8][distinct.size()];
                for (int i = 0; i < distinct.size(); i++) {
                    Bar bar = distinct.get(i);
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
            transaction.commit();
        } catch (Exception e) {
            if (transaction.getStatus() != Status.STATUS_NO_TRANSACTION) {
                transaction.rollback();
            }
            throw e;
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

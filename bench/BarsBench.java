import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * The bars benchmark (bin/bench-bars runs it): latency of GET /api/charts/{pair}/bars over HTTP, one request at a
 * time, against the seeded database, beside the same bars computed in SQL from the raw ticks (the baseline) and
 * from the stored 1-minute bars. Seeded random choice of pair and window, so a run can be repeated.
 *
 * <p>Arguments: baseUrl jdbcUrl user password pairs days [requests]
 */
public class BarsBench {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private static final String ROLLUP = "SELECT start_time, open, high, low, close, ticks FROM charts.bars"
            + " WHERE pair = ? AND bar_interval = ? AND start_time >= ? AND start_time <= ?"
            + " ORDER BY start_time DESC LIMIT ?";
    private static final String FROM_TICKS = "SELECT date_bin(?::interval, observed_at, 'epoch') AS start_time,"
            + " (array_agg(price ORDER BY observed_at))[1], max(price), min(price),"
            + " (array_agg(price ORDER BY observed_at DESC))[1], count(*)"
            + " FROM pricing.ticks WHERE pair = ? AND observed_at >= ? AND observed_at < ?"
            + " GROUP BY 1 ORDER BY 1 DESC LIMIT ?";
    private static final String FROM_MINUTES = "SELECT date_bin(?::interval, start_time, 'epoch') AS s,"
            + " (array_agg(open ORDER BY start_time))[1], max(high), min(low),"
            + " (array_agg(close ORDER BY start_time DESC))[1], sum(ticks)"
            + " FROM charts.bars WHERE pair = ? AND bar_interval = '1m' AND start_time >= ? AND start_time < ?"
            + " GROUP BY 1 ORDER BY 1 DESC LIMIT ?";

    record Interval(String code, long seconds, String sql) {
    }

    static final List<Interval> INTERVALS = List.of(new Interval("1m", 60, "1 minute"),
            new Interval("5m", 300, "5 minutes"), new Interval("15m", 900, "15 minutes"),
            new Interval("1h", 3600, "1 hour"), new Interval("4h", 14400, "4 hours"),
            new Interval("1d", 86400, "1 day"));

    public static void main(String[] args) throws Exception {
        String base = args[0];
        String jdbcUrl = args[1];
        int pairs = Integer.parseInt(args[4]);
        int days = Integer.parseInt(args[5]);
        int requests = args.length > 6 ? Integer.parseInt(args[6]) : 1000;
        Instant end = Instant.now().atOffset(ZoneOffset.UTC).toLocalDate().atStartOfDay().toInstant(ZoneOffset.UTC);
        Instant start = end.minus(Duration.ofDays(days));

        List<String> rows = new ArrayList<>();
        rows.add("| query | via | requests | bars per answer | p50 ms | p99 ms | max ms |");
        rows.add("| --- | --- | --- | --- | --- | --- | --- |");
        double[] httpOneMinute = null;
        try (Connection db = DriverManager.getConnection(jdbcUrl, args[2], args[3])) {
            for (Interval interval : INTERVALS) {
                double[] http = measureHttp(base, interval, pairs, start, end, 500, requests, rows);
                if (interval.code.equals("1m")) {
                    httpOneMinute = http;
                }
            }
            Interval minute = INTERVALS.get(0);
            double[] rollup = measureSql(db, "rollup, stored 1m bars", ROLLUP, minute, pairs, start, end, 50, requests, rows);
            double[] baseline = measureSql(db, "baseline, 1m bars from raw ticks", FROM_TICKS, minute, pairs, start, end,
                    5, Math.max(50, requests / 5), rows);
            for (Interval interval : INTERVALS.subList(3, 6)) {
                measureSql(db, interval.code + " bars derived from stored 1m bars", FROM_MINUTES, interval, pairs,
                        start, end, 5, Math.max(20, requests / 20), rows);
            }
            rows.forEach(System.out::println);
            System.out.println();
            System.out.printf(Locale.ROOT, "1000 1m bars, baseline (raw ticks, SQL) / rollup over HTTP: p50 %.1fx, p99 %.1fx%n",
                    baseline[0] / httpOneMinute[0], baseline[1] / httpOneMinute[1]);
            System.out.printf(Locale.ROOT, "1000 1m bars, baseline (raw ticks, SQL) / rollup (SQL):       p50 %.1fx, p99 %.1fx%n",
                    baseline[0] / rollup[0], baseline[1] / rollup[1]);
        }
    }

    /** Sequential GETs of limit=1000 bars ending at a random time in the seeded range. */
    static double[] measureHttp(String base, Interval interval, int pairs, Instant start, Instant end, int warmup,
                                int requests, List<String> rows) throws Exception {
        Random random = new Random(42);
        long[] nanos = new long[requests];
        long bars = 0;
        for (int i = -warmup; i < requests; i++) {
            Instant to = randomTo(random, interval, start, end);
            URI uri = URI.create(base + "/api/charts/" + pair(random, pairs) + "/bars?interval=" + interval.code
                    + "&to=" + to.toEpochMilli() + "&limit=1000");
            long began = System.nanoTime();
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            long took = System.nanoTime() - began;
            if (response.statusCode() != 200) {
                throw new IllegalStateException(uri + " answered " + response.statusCode() + ": " + response.body());
            }
            if (i >= 0) {
                nanos[i] = took;
                bars += count(response.body(), "\"time\"");
            }
        }
        return report(rows, "GET bars interval=" + interval.code + " limit=1000", "HTTP", nanos, bars / requests);
    }

    static double[] measureSql(Connection db, String name, String sql, Interval interval, int pairs, Instant start,
                               Instant end, int warmup, int requests, List<String> rows) throws SQLException {
        Random random = new Random(42);
        long[] nanos = new long[requests];
        long bars = 0;
        boolean rollup = sql == ROLLUP;
        try (PreparedStatement statement = db.prepareStatement(sql)) {
            for (int i = -warmup; i < requests; i++) {
                Instant to = randomTo(random, interval, start, end);
                Instant from = to.minusSeconds(interval.seconds * 999);
                String pair = pair(random, pairs);
                int p = 1;
                if (rollup) {
                    statement.setString(p++, pair);
                    statement.setString(p++, interval.code);
                    statement.setObject(p++, OffsetDateTime.ofInstant(Instant.EPOCH, ZoneOffset.UTC));
                    statement.setObject(p++, OffsetDateTime.ofInstant(to, ZoneOffset.UTC));
                } else {
                    statement.setString(p++, interval.sql);
                    statement.setString(p++, pair);
                    statement.setObject(p++, OffsetDateTime.ofInstant(from, ZoneOffset.UTC));
                    statement.setObject(p++, OffsetDateTime.ofInstant(to.plusSeconds(interval.seconds), ZoneOffset.UTC));
                }
                statement.setInt(p, 1000);
                long began = System.nanoTime();
                int n = 0;
                try (ResultSet result = statement.executeQuery()) {
                    while (result.next()) {
                        result.getObject(1);
                        result.getBigDecimal(2);
                        result.getBigDecimal(3);
                        result.getBigDecimal(4);
                        result.getBigDecimal(5);
                        n++;
                    }
                }
                long took = System.nanoTime() - began;
                if (i >= 0) {
                    nanos[i] = took;
                    bars += n;
                }
            }
        }
        return report(rows, name + " " + interval.code, "SQL (JDBC)", nanos, bars / requests);
    }

    /** A window end that leaves room for 1000 bars, or the end of the data for intervals with fewer. */
    static Instant randomTo(Random random, Interval interval, Instant start, Instant end) {
        long span = Duration.between(start, end).toSeconds();
        long needed = interval.seconds * 1000;
        long earliest = needed < span ? needed : span;
        long offset = earliest + (long) (random.nextDouble() * (span - earliest));
        return Instant.ofEpochSecond((start.getEpochSecond() + offset) / interval.seconds * interval.seconds)
                .minusSeconds(interval.seconds);
    }

    static String pair(Random random, int pairs) {
        return String.format(Locale.ROOT, "B%03d-USD", 1 + random.nextInt(pairs));
    }

    static double[] report(List<String> rows, String name, String via, long[] nanos, long barsPerAnswer) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        double p50 = percentile(sorted, 0.50);
        double p99 = percentile(sorted, 0.99);
        double max = sorted[sorted.length - 1] / 1e6;
        rows.add(String.format(Locale.ROOT, "| %s | %s | %d | %d | %.2f | %.2f | %.2f |", name, via, nanos.length,
                barsPerAnswer, p50, p99, max));
        System.err.println(rows.get(rows.size() - 1));
        return new double[] {p50, p99};
    }

    /** Nearest rank, in milliseconds. */
    static double percentile(long[] sorted, double q) {
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.max(0, rank - 1)] / 1e6;
    }

    static long count(String text, String token) {
        long n = 0;
        for (int at = text.indexOf(token); at >= 0; at = text.indexOf(token, at + token.length())) {
            n++;
        }
        return n;
    }
}

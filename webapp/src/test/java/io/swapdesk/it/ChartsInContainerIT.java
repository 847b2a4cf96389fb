package io.swapdesk.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.swapdesk.charts.Interval;
import io.swapdesk.pricing.Pair;
import io.swapdesk.pricing.PriceUpdated;
import jakarta.annotation.Resource;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import javax.sql.DataSource;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Inside the server: ticks fired as the pricing module fires them ({@code PriceUpdated}, synchronous CDI event) are
 * stored in pricing.ticks, become bars that are stored in charts.bars as they close, and are served over HTTP by this
 * copy of the application ({@code /swapdesk-it}) with the live bar last and open.
 */
@ExtendWith(ArquillianExtension.class)
class ChartsInContainerIT {

    @Deployment
    static WebArchive deployment() {
        return Deployments.applicationWith(Http.class);
    }

    @Inject
    Event<PriceUpdated> ticks;

    @Resource(lookup = "jdbc/swapdesk")
    DataSource dataSource;

    @Test
    void ticksBecomeStoredTicksStoredBarsAndALiveBar() throws Exception {
        Pair pair = uniquePair();
        waitOutTheEndOfAMinute();
        Instant now = Instant.now();
        Instant current = Interval.M1.startOf(now);
        Instant first = current.minusSeconds(180);
        Instant second = current.minusSeconds(120);
        List<Instant> times = List.of(first.plusSeconds(1), first.plusSeconds(40), first.plusSeconds(20),
                second.plusSeconds(5), second.plusMillis(59_999), now);
        List<String> prices = List.of("100.5", "99.75", "101.25", "100", "100.000000000000000001", "100.20");
        for (int i = 0; i < times.size(); i++) {
            ticks.fire(new PriceUpdated(pair, new BigDecimal(prices.get(i)), new BigDecimal("0.05"), times.get(i)));
        }

        // The raw ticks, exactly as fired.
        awaitEqual(() -> count("SELECT count(*) FROM pricing.ticks WHERE pair = ?", pair), 6L);
        assertEquals(List.of("100.5", "101.25", "99.75", "100", "100.000000000000000001", "100.20"), strings("SELECT price::text FROM pricing.ticks WHERE pair = ? ORDER BY observed_at", pair));

        // The two 1-minute bars that closed, stored: out-of-order ticks, exact decimals.
        awaitEqual(() -> count("SELECT count(*) FROM charts.bars WHERE pair = ? AND bar_interval = '1m'", pair), 2L);
        assertEquals(List.of(
                        utc(first) + " 100.5 101.25 99.75 99.75 3",
                        utc(second) + " 100 100.000000000000000001 100 100.000000000000000001 2"),
                strings("SELECT concat_ws(' ', start_time AT TIME ZONE 'UTC', open, high, low, close, ticks)"
                        + " FROM charts.bars WHERE pair = ? AND bar_interval = '1m' ORDER BY start_time", pair));

        // Over HTTP: history and the live bar, marked open.
        HttpResponse<String> response = Http.get(ownCopy("/api/charts/" + pair + "/bars?interval=1m&limit=10"));
        assertEquals(200, response.statusCode(), response.body());
        JsonArray bars = Http.json(response).getJsonArray("bars");
        assertEquals(3, bars.size(), response.body());
        JsonObject live = bars.getJsonObject(2);
        assertEquals(current.toString(), live.getString("time"));
        assertEquals("100.20", live.getString("c"));
        assertTrue(live.getBoolean("open"));
        assertFalse(bars.getJsonObject(0).getBoolean("open"));
        assertEquals("100.000000000000000001", bars.getJsonObject(1).getString("h"));

        // The day bar is open too, closing at the latest tick.
        JsonArray days = Http.json(Http.get(ownCopy("/api/charts/" + pair + "/bars?interval=1d"))).getJsonArray("bars");
        JsonObject day = days.getJsonObject(days.size() - 1);
        assertTrue(day.getBoolean("open"));
        assertEquals("100.20", day.getString("c"));
    }

    @Test
    void aStoredPartIsJoinedByTheRestOfItsIntervalAndReplacedByABarBuiltFromTheIntervalsFirstTick() throws Exception {
        Pair pair = uniquePair();
        Instant current = Interval.M1.startOf(Instant.now());
        Instant before = current.minusSeconds(240);
        Instant whole = current.minusSeconds(180);
        // Stored already: the part of a minute before this memory's first tick of the pair (written before a
        // restart), and the first two ticks of the next minute (another server's copy, stored as it stopped).
        insertBar(pair, before, "98 98.5 97 98 3");
        insertBar(pair, whole, "100 101 100 101 2");
        // And a whole minute the other way round: the new lease holder's full bar, stored before this server's copy
        // of its first ticks (the stopped server writes last).
        insertBar(pair, current.minusSeconds(120), "104 106 103 106 4");

        for (String tick : List.of("10 99", "20 102", "61 100", "65 101", "90 103", "121 104", "130 105", "181 100")) {
            String[] secondsAndPrice = tick.split(" ");
            ticks.fire(new PriceUpdated(pair, new BigDecimal(secondsAndPrice[1]), BigDecimal.ZERO,
                    before.plusSeconds(Long.parseLong(secondsAndPrice[0]))));
        }

        awaitEqual(() -> strings("SELECT concat_ws(' ', open, high, low, close, ticks) FROM charts.bars"
                + " WHERE pair = ? AND bar_interval = '1m' ORDER BY start_time", pair), List.of(
                "98 102 97 102 5", // joined: its three stored ticks and the two after the restart
                "100 103 100 103 3", // replaced: the same two ticks and one more, counted once
                "104 106 103 106 4")); // not replaced by a copy of fewer of its ticks: the later close stays
    }

    @Test
    void firingTicksNeverWaitsForTheDatabase() throws Exception {
        Pair pair = uniquePair();
        Instant start = Instant.now().minusSeconds(60);
        int count = 5_000;

        long began = System.nanoTime();
        for (int i = 0; i < count; i++) {
            ticks.fire(new PriceUpdated(pair, BigDecimal.valueOf(1000 + i % 7, 2), BigDecimal.ONE,
                    start.plusMillis(i)));
        }
        Duration firing = Duration.ofNanos(System.nanoTime() - began);

        assertTrue(firing.compareTo(Duration.ofSeconds(3)) < 0, "5,000 ticks through every observer took " + firing);
        awaitEqual(() -> count("SELECT count(*) FROM pricing.ticks WHERE pair = ?", pair), (long) count);
    }

    private static Pair uniquePair() {
        return new Pair("IT" + Long.toString(new Random().nextLong(1L << 30, 1L << 31), 36).toUpperCase(), "USD");
    }

    /** The live bar must still be open when the test reads it: not within 10 s of a minute's end. */
    private static void waitOutTheEndOfAMinute() throws InterruptedException {
        int second = OffsetDateTime.now(ZoneOffset.UTC).getSecond();
        if (second >= 50) {
            Thread.sleep((61 - second) * 1000L);
        }
    }

    /** This test copy of the application serves the bars it built; the main application has its own memory. */
    private static URI ownCopy(String path) {
        String port = System.getenv().getOrDefault("HTTP_PORT", "9080");
        return URI.create("http://127.0.0.1:" + port + "/swapdesk-it" + path);
    }

    private static String utc(Instant time) {
        return DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC).format(time);
    }

    private static <T> void awaitEqual(Callable<T> actual, T expected) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        T seen = actual.call();
        while (!expected.equals(seen) && System.nanoTime() < deadline) {
            Thread.sleep(100);
            seen = actual.call();
        }
        assertEquals(expected, seen);
    }

    /** A stored 1-minute bar: "open high low close ticks". */
    private void insertBar(Pair pair, Instant start, String ohlcTicks) throws SQLException {
        String[] values = ohlcTicks.split(" ");
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement("INSERT INTO charts.bars"
                     + " (pair, bar_interval, start_time, open, high, low, close, ticks) VALUES (?, '1m', ?, ?, ?, ?, ?, ?)")) {
            statement.setString(1, pair.toString());
            statement.setObject(2, OffsetDateTime.ofInstant(start, ZoneOffset.UTC));
            for (int i = 0; i < 4; i++) {
                statement.setBigDecimal(3 + i, new BigDecimal(values[i]));
            }
            statement.setInt(7, Integer.parseInt(values[4]));
            statement.executeUpdate();
            if (!connection.getAutoCommit()) {
                connection.commit();
            }
        }
    }

    private long count(String sql, Pair pair) throws SQLException {
        return Long.parseLong(strings(sql, pair).get(0));
    }

    private List<String> strings(String sql, Pair pair) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, pair.toString());
            List<String> values = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    values.add(rows.getString(1));
                }
            }
            return values;
        }
    }
}

package io.swapdesk.it;

import static io.swapdesk.it.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /api/charts/{pair}/bars} as a client sees it, served by the application WAR: history from rows stored in
 * charts.bars (written here over JDBC, as the charts module writes closed bars), and every bad input refused with
 * problem+json. Live bars fed by ticks are covered inside the server by ChartsInContainerIT.
 */
class ChartsBarsIT {

    /** A pair of its own per run: nothing else writes its bars. */
    private static final String PAIR = "C" + Long.toString(new Random().nextLong(1L << 40, 1L << 41), 36).toUpperCase() + "-USD";
    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

    @BeforeAll
    static void storeFiveMinutesAndAnHour() throws SQLException {
        try (Connection connection = TestEnvironment.database();
             PreparedStatement insert = connection.prepareStatement("INSERT INTO charts.bars"
                     + " (pair, bar_interval, start_time, open, high, low, close, ticks)"
                     + " VALUES (?, ?, ?::timestamptz, ?::numeric, ?::numeric, ?::numeric, ?::numeric, ?)")) {
            for (int minute = 0; minute < 5; minute++) {
                String base = "3000." + minute + "0";
                add(insert, "1m", T0.plusSeconds(60L * minute), base, "3100.000000000000000001", "2999.5", base, 60);
            }
            add(insert, "1h", T0, "3000.00", "3100.000000000000000001", "2999.5", "3000.40", 3600);
            insert.executeBatch();
        }
    }

    @Test
    void storedBarsComeOldestFirstWithExactDecimalsAndUtcTimes() throws Exception {
        HttpResponse<String> response = bars("?interval=1m&from=2025-01-01T00:00:00Z&to=2025-01-01T00:04:00Z");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).get().asString().startsWith("application/json");
        JsonObject page = Http.json(response);
        assertThat(page.getString("pair")).isEqualTo(PAIR);
        assertThat(page.getString("interval")).isEqualTo("1m");
        JsonArray bars = page.getJsonArray("bars");
        assertThat(bars).hasSize(5);
        JsonObject first = bars.getJsonObject(0);
        assertThat(first.getString("time")).isEqualTo("2025-01-01T00:00:00Z");
        assertThat(first.getString("o")).isEqualTo("3000.00");
        assertThat(first.getString("h")).isEqualTo("3100.000000000000000001");
        assertThat(first.getString("l")).isEqualTo("2999.5");
        assertThat(first.getString("c")).isEqualTo("3000.00");
        assertThat(first.getInt("ticks")).isEqualTo(60);
        assertThat(first.getBoolean("open")).isFalse();
        assertThat(bars.getJsonObject(4).getString("time")).isEqualTo("2025-01-01T00:04:00Z");
    }

    @Test
    void theLimitKeepsTheLatestBarsOfTheRange() throws Exception {
        JsonArray bars = Http.json(bars("?interval=1m&from=2025-01-01T00:00:00Z&to=2025-01-01T01:00:00Z&limit=2"))
                .getJsonArray("bars");

        assertThat(bars).extracting(bar -> bar.asJsonObject().getString("time"))
                .containsExactly("2025-01-01T00:03:00Z", "2025-01-01T00:04:00Z");
    }

    @Test
    void epochMillisecondsAndOffsetsNameTheSameTimes() throws Exception {
        long from = T0.plusSeconds(60).toEpochMilli();
        String to = URLEncoder.encode("2025-01-01T02:02:00+02:00", StandardCharsets.UTF_8);

        JsonArray bars = Http.json(bars("?from=" + from + "&to=" + to)).getJsonArray("bars");

        assertThat(bars).extracting(bar -> bar.asJsonObject().getString("time"))
                .containsExactly("2025-01-01T00:01:00Z", "2025-01-01T00:02:00Z");
    }

    @Test
    void fromIsAlignedDownToTheIntervalSoTheBarItFallsInIsIncluded() throws Exception {
        JsonArray bars = Http.json(bars("?interval=1h&from=2025-01-01T00:30:00Z&to=2025-01-01T05:00:00Z"))
                .getJsonArray("bars");

        assertThat(bars).singleElement().satisfies(bar -> {
            assertThat(bar.asJsonObject().getString("time")).isEqualTo("2025-01-01T00:00:00Z");
            assertThat(bar.asJsonObject().getString("c")).isEqualTo("3000.40");
        });
    }

    @Test
    void aPricedPairWithoutBarsInTheRangeHasAnEmptyHistory() throws Exception {
        HttpResponse<String> response = Http.get(TestEnvironment.uri("/api/charts/ETH-USD/bars?interval=1d"
                + "&to=2001-01-01T00:00:00Z"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(Http.json(response).getJsonArray("bars")).isEmpty();
    }

    @Test
    void aPairNeitherPricedNorWithHistoryIsUnknown() throws Exception {
        HttpResponse<String> response = Http.get(TestEnvironment.uri("/api/charts/NOBARS-USD/bars?interval=1d"));

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(Http.json(response).getString("code")).isEqualTo("UNKNOWN_PAIR");
        assertThat(Http.json(response).getString("detail")).contains("NOBARS-USD", "ETH-USD");
    }

    @Test
    void aPairNoLongerPricedKeepsItsHistory() throws Exception {
        HttpResponse<String> quietRange = Http.get(TestEnvironment.uri("/api/charts/" + PAIR
                + "/bars?interval=1m&to=2001-01-01T00:00:00Z"));

        assertThat(quietRange.statusCode()).as(PAIR + " has stored bars, outside this range").isEqualTo(200);
        assertThat(Http.json(quietRange).getJsonArray("bars")).isEmpty();
    }

    @Test
    void badInputIsRefusedWithAProblemThatSaysWhatToFix() throws Exception {
        assertRefused("/api/charts/eth-usd/bars", "INVALID_PAIR", "pair");
        assertRefused("/api/charts/ETHUSD/bars", "INVALID_PAIR", "pair");
        assertRefused("/api/charts/" + PAIR + "/bars?interval=1w", "INVALID_INTERVAL", "interval");
        assertRefused("/api/charts/" + PAIR + "/bars?from=yesterday", "INVALID_TIME", "from");
        assertRefused("/api/charts/" + PAIR + "/bars?to=2025-01-01T00:00:00", "INVALID_TIME", "to");
        assertRefused("/api/charts/" + PAIR + "/bars?to=99999999999999999999", "INVALID_TIME", "to");
        assertRefused("/api/charts/" + PAIR + "/bars?from=2025-01-02T00:00:00Z&to=2025-01-01T00:00:00Z",
                "INVALID_TIME_RANGE", "to");
        assertRefused("/api/charts/" + PAIR + "/bars?limit=0", "INVALID_LIMIT", "limit");
        assertRefused("/api/charts/" + PAIR + "/bars?limit=1001", "INVALID_LIMIT", "limit");
        assertRefused("/api/charts/" + PAIR + "/bars?limit=ten", "INVALID_LIMIT", "limit");
    }

    @Test
    void anUnencodedPlusInAnOffsetGetsAHint() throws Exception {
        JsonObject problem = assertRefused("/api/charts/" + PAIR + "/bars?from=2025-01-01T02:00:00+02:00",
                "INVALID_TIME", "from");

        assertThat(problem.getString("detail")).contains("%2B");
    }

    @Test
    void theEndpointIsInTheOpenApiDocument() throws Exception {
        assertThat(Http.get(TestEnvironment.uri("/openapi")).body()).contains("/api/charts/{pair}/bars");
    }

    private static JsonObject assertRefused(String pathAndQuery, String code, String field) throws Exception {
        HttpResponse<String> response = Http.get(TestEnvironment.uri(pathAndQuery));
        JsonObject problem = assertProblem(response, 400, code);
        assertThat(problem.getString("field")).isEqualTo(field);
        assertThat(problem.getString("instance")).startsWith("/api/charts/");
        return problem;
    }

    private static HttpResponse<String> bars(String query) throws Exception {
        return Http.get(TestEnvironment.uri("/api/charts/" + PAIR + "/bars" + query));
    }

    private static void add(PreparedStatement insert, String interval, Instant start, String open, String high,
                            String low, String close, int ticks) throws SQLException {
        insert.setString(1, PAIR);
        insert.setString(2, interval);
        insert.setString(3, start.toString());
        insert.setString(4, open);
        insert.setString(5, high);
        insert.setString(6, low);
        insert.setString(7, close);
        insert.setInt(8, ticks);
        insert.addBatch();
    }
}

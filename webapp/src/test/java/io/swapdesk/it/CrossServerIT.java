package io.swapdesk.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two servers, one database (docs/decisions/0010): the first started holds the pricing lease and computes prices from
 * the real feeds; the second computes nothing and relays what the first sends over PostgreSQL NOTIFY. A client on
 * either server gets the same stream, and each tick is stored once.
 */
class CrossServerIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @BeforeAll
    static void feeds() throws Exception {
        PricesIT.deployFeeds();
    }

    @AfterAll
    static void restoreFeeds() throws Exception {
        PricesIT.pushAnswer(31337L, PricesIT.ETH_USD_FEED, BigInteger.valueOf(200_000_000_000L));
        PricesIT.pushAnswer(31338L, PricesIT.ETH_USD_FEED, BigInteger.valueOf(200_000_000_000L));
    }

    /**
     * Usually the first server, which started first; but an in-container test deployment on the first server runs a
     * copy of the application, whose lease passes to either server when it is undeployed.
     */
    @Test
    void exactlyOneServerComputesAndTheOtherRelays() throws Exception {
        awaitOneHolder();
    }

    @Test
    void aClientOnTheSecondServerGetsTheStreamTheFirstComputesAndTicksAreStoredOnce() throws Exception {
        awaitAvailable(TestEnvironment.baseUri());
        awaitAvailable(TestEnvironment.secondBaseUri());
        try (WebSocketIT.Client onFirst = WebSocketIT.Client.connect(TestEnvironment.baseUri());
             WebSocketIT.Client onSecond = WebSocketIT.Client.connect(TestEnvironment.secondBaseUri())) {
            for (WebSocketIT.Client client : new WebSocketIT.Client[] {onFirst, onSecond}) {
                client.send("{\"op\":\"subscribe\",\"channel\":\"prices\",\"pairs\":[\"ETH-USD\"]}");
                client.send("{\"op\":\"subscribe\",\"channel\":\"bars\",\"pair\":\"ETH-USD\",\"interval\":\"1m\"}");
            }

            PricesIT.pushAnswer(31337L, PricesIT.ETH_USD_FEED, BigInteger.valueOf(200_150_000_000L));
            PricesIT.pushAnswer(31338L, PricesIT.ETH_USD_FEED, BigInteger.valueOf(200_150_000_000L));

            JsonObject computed = awaitFrame(onFirst, "price", "price", "2001.5");
            JsonObject relayed = awaitFrame(onSecond, "price", "price", "2001.5");
            assertThat(relayed.containsKey("snapshot")).isFalse();
            assertThat(relayed.getJsonObject("data")).isEqualTo(computed.getJsonObject("data"));
            JsonObject bar = awaitFrame(onSecond, "bar", "c", "2001.5");
            assertThat(bar.getJsonObject("data").getBoolean("open")).isTrue();

            HttpResponse<String> onSecondServer = Http.get(TestEnvironment.secondBaseUri().resolve("/api/prices/ETH-USD"));
            JsonObject served = Http.json(onSecondServer);
            assertThat(served.getString("price")).isEqualTo("2001.5");
            assertThat(served.getString("observedAt")).isNotBlank();
            assertThat(served.getJsonArray("sources")).hasSize(2);

            String observedAt = computed.getJsonObject("data").getString("observedAt");
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (ticksAt(observedAt) == 0 && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            Thread.sleep(2_000); // room for a second writer, if there were one
            assertThat(ticksAt(observedAt)).as("the tick of " + observedAt + " is stored once").isEqualTo(1);
        }
    }

    /**
     * The lease is the holder's advisory lock: ending the session that holds it, as a crash or a lost connection
     * would, passes the lease to a server that asks next (either one: the old holder asks again too). Prices computed
     * after the takeover reach the clients of both servers.
     */
    @Test
    void whenTheHoldersSessionDiesTheLeasePassesOnAndBothServersKeepStreaming() throws Exception {
        awaitAvailable(TestEnvironment.baseUri());
        awaitAvailable(TestEnvironment.secondBaseUri());
        awaitOneHolder();
        try (WebSocketIT.Client onFirst = WebSocketIT.Client.connect(TestEnvironment.baseUri());
             WebSocketIT.Client onSecond = WebSocketIT.Client.connect(TestEnvironment.secondBaseUri())) {
            for (WebSocketIT.Client client : new WebSocketIT.Client[] {onFirst, onSecond}) {
                client.send("{\"op\":\"subscribe\",\"channel\":\"prices\",\"pairs\":[\"ETH-USD\"]}");
            }

            assertThat(endLeaseSession()).as("sessions holding the lease, ended").isEqualTo(1);
            awaitOneHolder();
            PricesIT.pushAnswer(31337L, PricesIT.ETH_USD_FEED, BigInteger.valueOf(200_250_000_000L));
            PricesIT.pushAnswer(31338L, PricesIT.ETH_USD_FEED, BigInteger.valueOf(200_250_000_000L));

            JsonObject onFirstServer = awaitFrame(onFirst, "price", "price", "2002.5");
            JsonObject onSecondServer = awaitFrame(onSecond, "price", "price", "2002.5");
            assertThat(onSecondServer.getJsonObject("data")).isEqualTo(onFirstServer.getJsonObject("data"));
        }
    }

    /** Waits until exactly one server says it holds the lease, and no session holds it but that one. */
    private static void awaitOneHolder() throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        double first;
        double second;
        do {
            first = leaseHeld(TestEnvironment.baseUri());
            second = leaseHeld(TestEnvironment.secondBaseUri());
            if (first + second == 1 && leaseSessions() == 1) {
                return;
            }
            Thread.sleep(250);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("lease held by the servers: " + first + " and " + second + ", by "
                + leaseSessions() + " database sessions, after " + WAIT);
    }

    /** The lease's advisory lock as pg_locks shows a bigint key: its high and low 32 bits, objsubid 1. */
    private static final String LEASE_LOCK = "FROM pg_locks WHERE locktype = 'advisory' AND granted AND objsubid = 1"
            + " AND classid = 1400332656 AND objid = 1349673777"
            + " AND database = (SELECT oid FROM pg_database WHERE datname = current_database())";

    private static int leaseSessions() throws Exception {
        return countOf("SELECT count(*) " + LEASE_LOCK);
    }

    private static int endLeaseSession() throws Exception {
        return countOf("SELECT count(*) FROM (SELECT pg_terminate_backend(pid) AS ended " + LEASE_LOCK + ") t"
                + " WHERE ended");
    }

    private static int countOf(String sql) throws Exception {
        try (Connection database = TestEnvironment.database();
             PreparedStatement statement = database.prepareStatement(sql);
             ResultSet result = statement.executeQuery()) {
            result.next();
            return result.getInt(1);
        }
    }

    private static JsonObject awaitFrame(WebSocketIT.Client client, String type, String field, String value)
            throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            JsonObject frame = client.next();
            if (type.equals(frame.getString("type", "")) && frame.get("data") instanceof JsonObject data
                    && value.equals(data.getString(field, ""))) {
                return frame;
            }
        }
        throw new AssertionError("no " + type + " frame with " + field + " " + value + " within " + WAIT);
    }

    private static void awaitAvailable(URI server) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            HttpResponse<String> response = Http.get(server.resolve("/api/prices/ETH-USD"));
            if (response.statusCode() == 200 && Http.json(response).getBoolean("available")) {
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("ETH-USD never became available on " + server);
    }

    private static long ticksAt(String observedAt) throws Exception {
        try (Connection database = TestEnvironment.database();
             PreparedStatement count = database.prepareStatement(
                     "SELECT count(*) FROM pricing.ticks WHERE pair = 'ETH-USD' AND observed_at = ?::timestamptz")) {
            count.setString(1, observedAt);
            try (ResultSet result = count.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        }
    }

    /** The server's pricing_lease_held; -1 while it is not registered (the lease check registers it again). */
    private static double leaseHeld(URI server) throws Exception {
        String metrics = Http.get(server.resolve("/metrics?scope=application")).body();
        Matcher held = Pattern.compile("(?m)^pricing_lease_held\\{[^}]*\\} (\\S+)$").matcher(metrics);
        return held.find() ? Double.parseDouble(held.group(1)) : -1;
    }
}

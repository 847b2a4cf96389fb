package io.swapdesk.notifications.internal;

import static io.swapdesk.notifications.internal.MarketFixture.ETH_USD;
import static io.swapdesk.notifications.internal.MarketFixture.USDC_USD;
import static io.swapdesk.notifications.internal.MarketFixture.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.swapdesk.charts.Bar;
import io.swapdesk.charts.Interval;
import io.swapdesk.identity.IdentityError;
import io.swapdesk.identity.TokenVerifier;
import io.swapdesk.platform.DomainException;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MarketChannelsTest {

    private static final Instant NOW = Instant.parse("2026-11-21T10:00:30Z");
    private static final TokenVerifier NO_TOKENS = token -> {
        throw new DomainException(IdentityError.INVALID_TOKEN, "no tokens here");
    };

    private MarketFixture market = new MarketFixture(Map.of(StreamSettings.MAX_SUBSCRIPTIONS, "3"));
    private MarketFixture.RecordingTransport client = new MarketFixture.RecordingTransport(true);
    private StreamProtocol protocol = new StreamProtocol(NO_TOKENS, Clock.fixed(NOW, ZoneOffset.UTC), market.channels, new AccountChannel(),
            market.channels.open(client));

    @AfterEach
    void stop() {
        market.close();
    }

    @Test
    void subscribingToPricesAnswersThenSendsTheSnapshotThenEveryUpdate() {
        market.price(ETH_USD, "3000.5", NOW);

        protocol.receive("{\"op\":\"subscribe\",\"channel\":\"prices\",\"pairs\":[\"ETH-USD\"]}");
        market.price(ETH_USD, "3001", NOW.plusMillis(100));
        market.price(USDC_USD, "1", NOW.plusMillis(100));

        eventually(() -> client.frames.size() == 3);
        JsonObject subscribed = json(client.frames.get(0));
        JsonObject snapshot = json(client.frames.get(1));
        JsonObject update = json(client.frames.get(2));
        assertThat(subscribed.getString("type")).isEqualTo("subscribed");
        assertThat(subscribed.getJsonArray("pairs").getString(0)).isEqualTo("ETH-USD");
        assertThat(snapshot.getBoolean("snapshot")).isTrue();
        assertThat(snapshot.getJsonObject("data").getString("price")).isEqualTo("3000.5");
        assertThat(update.getString("channel")).isEqualTo("prices");
        assertThat(update.getString("type")).isEqualTo("price");
        assertThat(update.containsKey("snapshot")).isFalse();
        assertThat(update.getJsonObject("data").getString("price")).isEqualTo("3001");
        assertThat(update.getJsonObject("data").getString("observedAt")).isEqualTo("2026-11-21T10:00:30.100Z");
    }

    @Test
    void anUnavailablePairIsSnapshotAsUnavailable() {
        protocol.receive("{\"op\":\"subscribe\",\"channel\":\"prices\",\"pairs\":[\"USDC-USD\"]}");

        JsonObject snapshot = json(client.frames.get(1));
        assertThat(snapshot.getJsonObject("data").getBoolean("available")).isFalse();
        assertThat(snapshot.getJsonObject("data").getString("reason")).contains("no source");
    }

    @Test
    void aPairThatLosesItsPriceIsSentAsUnavailableAndItsReturnAsAPrice() {
        market.price(ETH_USD, "3000.5", NOW);
        protocol.receive("{\"op\":\"subscribe\",\"channel\":\"prices\",\"pairs\":[\"ETH-USD\"]}");
        eventually(() -> client.frames.size() == 2);

        market.unavailable(ETH_USD, "only 1 fresh source(s), 2 needed", NOW.plusSeconds(1));
        eventually(() -> client.frames.size() == 3);
        market.price(ETH_USD, "3000.5", NOW.plusSeconds(2));
        eventually(() -> client.frames.size() == 4);

        JsonObject outage = json(client.frames.get(2));
        assertThat(outage.getString("type")).isEqualTo("price");
        assertThat(outage.containsKey("snapshot")).isFalse();
        assertThat(outage.getJsonObject("data").getString("pair")).isEqualTo("ETH-USD");
        assertThat(outage.getJsonObject("data").getBoolean("available")).isFalse();
        assertThat(outage.getJsonObject("data").getString("reason")).isEqualTo("only 1 fresh source(s), 2 needed");
        assertThat(outage.getJsonObject("data").getString("observedAt")).isEqualTo("2026-11-21T10:00:31Z");
        assertThat(outage.getJsonObject("data").containsKey("price")).isFalse();
        JsonObject back = json(client.frames.get(3));
        assertThat(back.getJsonObject("data").getBoolean("available")).isTrue();
        assertThat(back.getJsonObject("data").getString("price")).isEqualTo("3000.5");
    }

    @Test
    void anUpdateTheStoppedFanOutCannotTakeIsCountedAsDropped() {
        protocol.receive("{\"op\":\"subscribe\",\"channel\":\"prices\",\"pairs\":[\"ETH-USD\"]}");
        market.price(ETH_USD, "3000", NOW);
        assertThat(market.channels.fanOutDropped()).isZero();

        market.channels.stop();
        market.price(ETH_USD, "3001", NOW.plusMillis(100));

        assertThat(market.channels.fanOutDropped()).isEqualTo(1);
    }

    @Test
    void barsStartWithTheLiveBarAndAClosedBarIsSentOnceMoreWhenTheNextStarts() {
        market.liveBar(bar("2026-11-21T10:00:00Z", "3000", 1, true));
        protocol.receive("{\"op\":\"subscribe\",\"channel\":\"bars\",\"pair\":\"ETH-USD\",\"interval\":\"1m\"}");
        market.liveBar(bar("2026-11-21T10:00:00Z", "3002", 2, true));
        market.price(ETH_USD, "3002", NOW);
        eventually(() -> client.frames.size() == 3); // a client that keeps up sees every step
        market.liveBar(bar("2026-11-21T10:01:00Z", "3003", 1, true));
        market.price(ETH_USD, "3003", NOW.plusSeconds(30));

        eventually(() -> client.frames.size() == 5);
        assertThat(client.frames.stream().map(MarketChannelsTest::json).map(frame -> frame.containsKey("data")
                ? frame.getJsonObject("data").getString("time") + " " + frame.getJsonObject("data").getString("c")
                  + " " + frame.getJsonObject("data").getBoolean("open")
                : frame.getString("type")))
                .containsExactly("subscribed",
                        "2026-11-21T10:00:00Z 3000 true",
                        "2026-11-21T10:00:00Z 3002 true",
                        "2026-11-21T10:00:00Z 3002 false",
                        "2026-11-21T10:01:00Z 3003 true");
    }

    @Test
    void beforeTheIntervalsFirstTickTheSnapshotIsTheLatestClosedBarThenTheNewBarFollows() {
        market.closedBar(bar("2026-11-21T09:59:00Z", "3000", 7, false));
        protocol.receive("{\"op\":\"subscribe\",\"channel\":\"bars\",\"pair\":\"ETH-USD\",\"interval\":\"1m\"}");
        market.liveBar(bar("2026-11-21T10:00:00Z", "3001", 1, true));
        market.price(ETH_USD, "3001", NOW);

        eventually(() -> client.frames.size() == 3);
        JsonObject snapshot = json(client.frames.get(1));
        assertThat(snapshot.getBoolean("snapshot")).isTrue();
        assertThat(snapshot.getJsonObject("data").getString("time")).isEqualTo("2026-11-21T09:59:00Z");
        assertThat(snapshot.getJsonObject("data").getBoolean("open")).isFalse();
        assertThat(snapshot.getJsonObject("data").getInt("ticks")).isEqualTo(7);
        JsonObject update = json(client.frames.get(2));
        assertThat(update.getJsonObject("data").getString("time")).isEqualTo("2026-11-21T10:00:00Z");
        assertThat(update.getJsonObject("data").getBoolean("open")).isTrue();
    }

    @Test
    void aPairWithoutBarsSubscribesWithoutASnapshot() {
        protocol.receive("{\"op\":\"subscribe\",\"channel\":\"bars\",\"pair\":\"USDC-USD\",\"interval\":\"5m\"}");
        protocol.receive("{\"op\":\"subscribe\",\"channel\":\"bars\",\"pair\":\"ETH-USD\",\"interval\":\"1m\"}");
        market.liveBar(bar("2026-11-21T10:00:00Z", "3001", 1, true));
        market.price(ETH_USD, "3001", NOW);

        eventually(() -> client.frames.size() == 3);
        assertThat(client.frames.stream().map(MarketChannelsTest::json).map(frame -> frame.getString("type")))
                .containsExactly("subscribed", "subscribed", "bar");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "{\"op\":\"subscribe\",\"channel\":\"prices\",\"pairs\":[\"DOGE-USD\"]}|UNKNOWN_PAIR",
            "{\"op\":\"subscribe\",\"channel\":\"prices\",\"pairs\":[\"ETH-USD\",\"eth-usd\"]}|INVALID_PAIR",
            "{\"op\":\"subscribe\",\"channel\":\"prices\",\"pairs\":[7]}|INVALID_PAIR",
            "{\"op\":\"subscribe\",\"channel\":\"prices\",\"pairs\":[]}|MISSING_PAIRS",
            "{\"op\":\"subscribe\",\"channel\":\"prices\",\"pairs\":\"ETH-USD\"}|MISSING_PAIRS",
            "{\"op\":\"subscribe\",\"channel\":\"bars\",\"interval\":\"1m\"}|MISSING_PAIR",
            "{\"op\":\"subscribe\",\"channel\":\"bars\",\"pair\":\"ETH-USD\",\"interval\":\"2m\"}|INVALID_INTERVAL",
            "{\"op\":\"subscribe\",\"channel\":\"bars\",\"pair\":\"ETH-USD\"}|INVALID_INTERVAL",
            "{\"op\":\"subscribe\",\"channel\":\"bars\",\"pair\":\"ETH-EUR\",\"interval\":\"1m\"}|UNKNOWN_PAIR"})
    void aBadSubscribeIsAnErrorAndSubscribesNothing(String frame, String code) throws InterruptedException {
        protocol.receive(frame);
        market.price(ETH_USD, "3000", NOW);

        JsonObject error = json(client.frames.get(0));
        assertThat(error.getString("type")).isEqualTo("error");
        assertThat(error.getString("code")).isEqualTo(code);
        assertThat(error.getString("message")).isNotBlank().hasSizeLessThan(300);
        Thread.sleep(200);
        assertThat(client.frames).hasSize(1);
    }

    @Test
    void subscriptionsPastTheLimitAreRefusedAsAWhole() {
        protocol.receive("{\"op\":\"subscribe\",\"channel\":\"prices\",\"pairs\":[\"ETH-USD\",\"USDC-USD\"]}");
        protocol.receive("{\"op\":\"subscribe\",\"channel\":\"bars\",\"pair\":\"ETH-USD\",\"interval\":\"1m\"}");
        client.frames.clear();

        protocol.receive("{\"op\":\"subscribe\",\"channel\":\"bars\",\"pair\":\"ETH-USD\",\"interval\":\"5m\"}");
        protocol.receive("{\"op\":\"subscribe\",\"channel\":\"prices\",\"pairs\":["
                + "\"ETH-USD\",\"ETH-USD\",\"ETH-USD\",\"ETH-USD\"]}"); // the same pair again is no new subscription

        assertThat(json(client.frames.get(0)).getString("code")).isEqualTo("TOO_MANY_SUBSCRIPTIONS");
        assertThat(json(client.frames.get(1)).getString("code")).isEqualTo("TOO_MANY_SUBSCRIPTIONS");
        protocol.receive("{\"op\":\"subscribe\",\"channel\":\"prices\",\"pairs\":[\"ETH-USD\",\"ETH-USD\"]}");
        assertThat(json(client.frames.get(2)).getString("type")).isEqualTo("subscribed");
    }

    @Test
    void subscriptionsAreCountedByChannelOverAllConnections() {
        StreamProtocol other = market.protocol(NO_TOKENS, Clock.fixed(NOW, ZoneOffset.UTC));
        protocol.receive("{\"op\":\"subscribe\",\"channel\":\"prices\",\"pairs\":[\"ETH-USD\",\"USDC-USD\"]}");
        protocol.receive("{\"op\":\"subscribe\",\"channel\":\"bars\",\"pair\":\"ETH-USD\",\"interval\":\"1m\"}");
        other.receive("{\"op\":\"subscribe\",\"channel\":\"prices\",\"pairs\":[\"ETH-USD\",\"ETH-USD\"]}");

        assertThat(market.channels.connectionCount()).isEqualTo(2);
        assertThat(market.channels.subscriptionCount(Topic.Prices.class)).isEqualTo(3);
        assertThat(market.channels.subscriptionCount(Topic.Bars.class)).isEqualTo(1);

        protocol.receive("{\"op\":\"unsubscribe\",\"channel\":\"prices\",\"pairs\":[\"USDC-USD\"]}");
        assertThat(market.channels.subscriptionCount(Topic.Prices.class)).isEqualTo(2);
    }

    /** A subscribe still being handled when another thread closed the connection leaves nothing subscribed. */
    @Test
    void aSubscribeOnAConnectionClosedMeanwhileLeavesNoSubscription() {
        MarketFixture.RecordingTransport closing = new MarketFixture.RecordingTransport(true);
        StreamConnection connection = market.channels.open(closing);
        market.channels.closed(connection);

        market.channels.subscribe(connection, new Topic.Prices(ETH_USD));

        assertThat(market.channels.subscriptionCount(Topic.Prices.class)).isZero();
        assertThat(connection.topics()).isEmpty();
        assertThat(closing.frames).as("no snapshot to a closed connection").isEmpty();
    }

    @Test
    void unsubscribeStopsTheUpdates() {
        protocol.receive("{\"op\":\"subscribe\",\"channel\":\"prices\",\"pairs\":[\"ETH-USD\",\"USDC-USD\"]}");
        protocol.receive("{\"op\":\"unsubscribe\",\"channel\":\"prices\",\"pairs\":[\"ETH-USD\"]}");
        client.frames.clear();

        market.price(ETH_USD, "3000", NOW);
        market.price(USDC_USD, "1.0001", NOW);

        eventually(() -> client.frames.size() == 1);
        assertThat(json(client.frames.get(0)).getJsonObject("data").getString("pair")).isEqualTo("USDC-USD");
        protocol.receive("{\"op\":\"unsubscribe\",\"channel\":\"prices\"}");
        assertThat(json(client.frames.get(1)).getJsonArray("pairs").getString(0)).isEqualTo("USDC-USD");
    }

    @Test
    void aClientThatStaysBehindIsClosedAndTheOthersKeepTheirStream() {
        MarketFixture limited = new MarketFixture(Map.of(StreamSettings.MAX_BEHIND_MS, "200"));
        try {
            MarketFixture.RecordingTransport stuck = new MarketFixture.RecordingTransport(false);
            MarketFixture.RecordingTransport healthy = new MarketFixture.RecordingTransport(true);
            new StreamProtocol(NO_TOKENS, Clock.systemUTC(), limited.channels, new AccountChannel(), limited.channels.open(stuck))
                    .receive("{\"op\":\"subscribe\",\"channel\":\"prices\",\"pairs\":[\"ETH-USD\"]}");
            new StreamProtocol(NO_TOKENS, Clock.systemUTC(), limited.channels, new AccountChannel(), limited.channels.open(healthy))
                    .receive("{\"op\":\"subscribe\",\"channel\":\"prices\",\"pairs\":[\"ETH-USD\"]}");

            for (int i = 1; i <= 1000; i++) {
                limited.price(ETH_USD, "3000." + i, NOW.plusMillis(i));
            }

            eventually(() -> stuck.closeCode == Outbound.TOO_SLOW);
            assertThat(stuck.closeReason).contains("too slow");
            assertThat(stuck.frames).hasSize(1); // the reply, never completed; the rest waited, coalesced to one
            eventually(() -> lastPrice(healthy).equals("3000.1000"));
            assertThat(healthy.frames).hasSizeLessThanOrEqualTo(1002);
            assertThat(healthy.closeCode).isZero();
            assertThat(limited.channels.closedAsTooSlow()).isEqualTo(1);
        } finally {
            limited.close();
        }
    }

    @Test
    void aClientThatBlocksInAnUpdateDoesNotHoldUpTheOthers() {
        MarketFixture oneThread = new MarketFixture(Map.of(StreamSettings.FAN_OUT_THREADS, "1",
                StreamSettings.MAX_BEHIND_MS, "60000"));
        try {
            List<MarketFixture.RecordingTransport> stuck = new ArrayList<>();
            List<MarketFixture.RecordingTransport> healthy = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                // the subscribe reply and the snapshot go out, then the client stops reading
                MarketFixture.RecordingTransport client = i % 2 == 0 ? new MarketFixture.RecordingTransport(2)
                        : new MarketFixture.RecordingTransport(true);
                (i % 2 == 0 ? stuck : healthy).add(client);
                new StreamProtocol(NO_TOKENS, Clock.systemUTC(), oneThread.channels, new AccountChannel(),
                        oneThread.channels.open(client))
                        .receive("{\"op\":\"subscribe\",\"channel\":\"prices\",\"pairs\":[\"ETH-USD\"]}");
            }
            // The snapshots out first: a price put while a snapshot still waits would replace it (the same key), and
            // that client would take the price as its second frame, not block on it as its third.
            eventually(() -> stuck.stream().allMatch(client -> client.frames.size() == 2));
            oneThread.price(ETH_USD, "3000", NOW);
            eventually(() -> stuck.stream().allMatch(client -> client.frames.size() == 3));

            for (int i = 1; i <= 100; i++) {
                oneThread.price(ETH_USD, "3000." + i, NOW.plusMillis(i));
            }

            // updates that find a client's previous one still waiting replace it: the last one always arrives
            eventually(() -> healthy.stream().allMatch(client -> lastPrice(client).equals("3000.100")));
            assertThat(stuck).allSatisfy(client -> assertThat(client.frames).hasSize(3));
            // one round for all ten; each stuck client holds the thread that reached it
            assertThat(oneThread.channels.roundHelpersStarted()).isGreaterThanOrEqualTo(4);
            assertThat(oneThread.channels.closedAsTooSlow()).isZero();
        } finally {
            oneThread.close();
        }
    }

    private static Bar bar(String start, String close, long ticks, boolean live) {
        return new Bar(ETH_USD, Interval.M1, Instant.parse(start), new BigDecimal("3000"),
                new BigDecimal("3000").max(new BigDecimal(close)), new BigDecimal("3000"), new BigDecimal(close), ticks,
                live);
    }

    private static String lastPrice(MarketFixture.RecordingTransport client) {
        JsonObject last = json(client.frames.getLast());
        return last.containsKey("data") ? last.getJsonObject("data").getString("price", "") : "";
    }

    private static JsonObject json(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }
}

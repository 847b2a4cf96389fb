package io.swapdesk.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason;
import jakarta.websocket.ContainerProvider;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import jakarta.websocket.WebSocketContainer;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The /ws endpoint, driven by a real Java WebSocket client. */
class WebSocketIT {

    private static final WebSocketContainer CONTAINER = ContainerProvider.getWebSocketContainer();

    /** docs/api/websocket.md: binary frames up to this size close with 1003, larger ones with 1009. */
    private static final int MAX_BINARY_FRAME_BYTES = 64 * 1024;

    /** docs/api/websocket.md: a text message, whole or in fragments, may hold up to this many bytes. */
    private static final int MAX_TEXT_MESSAGE_BYTES = 16 * 1024;

    @Test
    void pingIsAnsweredWithPong() throws Exception {
        try (Client client = Client.connect()) {
            client.send("{\"op\":\"ping\"}");

            assertThat(client.next().getString("type")).isEqualTo("pong");
        }
    }

    @Test
    void aBadFrameGetsAnErrorAndTheConnectionStaysUsable() throws Exception {
        try (Client client = Client.connect()) {
            client.send("this is not json");
            JsonObject error = client.next();
            client.send("{\"op\":\"ping\"}");

            assertThat(error.getString("type")).isEqualTo("error");
            assertThat(error.getString("code")).isEqualTo("MALFORMED_MESSAGE");
            assertThat(client.next().getString("type")).isEqualTo("pong");
        }
    }

    @Test
    void theAccountChannelOpensWithTheRestTokenOnly() throws Exception {
        SignInClient.Session trader = SignInClient.newTrader();
        try (Client client = Client.connect()) {
            client.send("{\"op\":\"subscribe\",\"channel\":\"account\"}");
            assertThat(client.next().getString("code")).isEqualTo("NOT_SIGNED_IN");

            client.send("{\"op\":\"auth\",\"token\":\"" + trader.token() + "\"}");
            JsonObject authenticated = client.next();
            client.send("{\"op\":\"subscribe\",\"channel\":\"account\"}");

            assertThat(authenticated.getString("type")).isEqualTo("authenticated");
            assertThat(authenticated.getString("userId")).isEqualTo(trader.userId());
            assertThat(client.next().getString("type")).isEqualTo("subscribed");
        }
    }

    @Test
    void expiredForeignAndTamperedTokensDoNotAuthenticate() throws Exception {
        SignInClient.Session trader = SignInClient.newTrader();
        String[] parts = trader.token().split("\\.");
        String tampered = parts[0] + "." + TestTokens.encode(TestTokens.claims(trader.userId(), 300, "trader", "admin")
                .toString()) + "." + parts[2];
        String expired = TestTokens.sign(TestTokens.claims(trader.userId(), -120, "trader"), TestTokens.serverKey());
        String foreign = TestTokens.sign(TestTokens.claims(trader.userId(), 300, "trader"), TestTokens.otherKey());
        try (Client client = Client.connect()) {
            for (String token : new String[] {tampered, expired, foreign, "x.y.z", ""}) {
                client.send("{\"op\":\"auth\",\"token\":\"" + token + "\"}");
                JsonObject error = client.next();
                assertThat(error.getString("type")).isEqualTo("error");
                assertThat(error.getString("code")).isEqualTo("INVALID_TOKEN");
            }
            client.send("{\"op\":\"subscribe\",\"channel\":\"account\"}");

            assertThat(client.next().getString("code")).isEqualTo("NOT_SIGNED_IN");
        }
    }

    @Test
    void anUnknownOpIsNamedInTheError() throws Exception {
        try (Client client = Client.connect()) {
            client.send("{\"op\":\"dance\"}");

            JsonObject error = client.next();
            assertThat(error.getString("code")).isEqualTo("UNKNOWN_OP");
            assertThat(error.getString("message")).contains("dance");
        }
    }

    @Test
    void aHugeFrameClosesOnlyThatConnection() throws Exception {
        try (Client offender = Client.connect(); Client bystander = Client.connect()) {
            offender.send("{\"op\":\"ping\",\"pad\":\"" + "x".repeat(1_000_000) + "\"}");

            CloseReason reason = offender.closed.get(10, TimeUnit.SECONDS);
            assertThat(reason.getCloseCode()).isEqualTo(CloseReason.CloseCodes.TOO_BIG);
            assertThat(reason.getReasonPhrase()).as("the container's reason, refused from the header")
                    .contains("Message is too big");
            bystander.send("{\"op\":\"ping\"}");
            assertThat(bystander.next().getString("type")).isEqualTo("pong");
        }
    }

    @Test
    void aMessageInSmallFragmentsIsClosedAsSoonAsItPassesTheLimitAndOnlyThatConnection() throws Exception {
        try (Client offender = Client.connect(); Client bystander = Client.connect()) {
            String opening = "{\"op\":\"ping\",\"pad\":\"";
            offender.sendPart(opening, false);
            offender.sendPart("x".repeat(8 * 1024), false);
            // Each fragment is under the frame limit; this one ends on the first byte past the message limit, and the
            // message is never finished. The client then sends nothing more: bytes that reach a server which has
            // already closed the connection make its kernel reset it, and a reset discards the close frame unread.
            offender.sendPart("x".repeat(MAX_TEXT_MESSAGE_BYTES + 1 - opening.length() - 8 * 1024), false);

            CloseReason reason = offender.closed.get(10, TimeUnit.SECONDS);
            assertThat(reason.getCloseCode()).isEqualTo(CloseReason.CloseCodes.TOO_BIG);
            assertThat(reason.getReasonPhrase()).isEqualTo(
                    "message too big: more than 16384 bytes; send one JSON object per message");
            assertThat(offender.received).as("no pong for the refused ping").isEmpty();
            bystander.send("{\"op\":\"ping\"}");
            assertThat(bystander.next().getString("type")).isEqualTo("pong");
        }
    }

    @Test
    void aClientThatStopsReadingIsClosedAsTooSlowWhileTheOthersAreServed() throws Exception {
        double closedBefore = metric("ws_server_closes_total{", "code=\"4001\"");
        try (RawWebSocket stalled = RawWebSocket.connect(TestEnvironment.baseUri());
                Client bystander = Client.connect()) {
            // Far more pongs than the sockets' buffers and the replies allowed to wait hold: the server's send to this
            // client blocks, and the client reads nothing until the server has closed it.
            Thread flood = Thread.ofVirtual().start(() -> {
                try {
                    stalled.sendText("{\"op\":\"ping\"}", 200_000);
                } catch (IOException e) {
                    // the server closed the connection with pings still coming: expected
                }
            });

            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
            do {
                bystander.send("{\"op\":\"ping\"}");
                assertThat(bystander.next().getString("type")).as("served while the other is behind").isEqualTo("pong");
                assertThat(System.nanoTime()).as("closed within the 10 s limit and a margin").isLessThan(deadline);
                Thread.sleep(500);
            } while (metric("ws_server_closes_total{", "code=\"4001\"") < closedBefore + 1);

            RawWebSocket.End end = stalled.readToTheEnd();
            // A client that reads nothing cannot take the close frame either: behind what it has not read, it comes
            // only if there was room for it, and pings of this client's still unread make the server's kernel reset
            // the connection (docs/api/websocket.md).
            assertThat(end.closeCode()).as("the connection ended: " + end).isIn(4001, -1);
            bystander.send("{\"op\":\"ping\"}");
            assertThat(bystander.next().getString("type")).isEqualTo("pong");
            flood.join(10_000);
        }
    }

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {1, 1025, 16 * 1024, MAX_BINARY_FRAME_BYTES})
    void aBinaryFrameUpToTheCapIsRefusedAsCannotAccept(int size) throws Exception {
        try (Client offender = Client.connect(); Client bystander = Client.connect()) {
            offender.sendBinary(size);

            CloseReason reason = offender.closed.get(10, TimeUnit.SECONDS);
            assertThat(reason.getCloseCode()).isEqualTo(CloseReason.CloseCodes.CANNOT_ACCEPT);
            bystander.send("{\"op\":\"ping\"}");
            assertThat(bystander.next().getString("type")).isEqualTo("pong");
        }
    }

    @Test
    void aBinaryFrameOverTheCapIsTooBig() throws Exception {
        try (Client offender = Client.connect()) {
            offender.sendBinary(MAX_BINARY_FRAME_BYTES + 1);

            CloseReason reason = offender.closed.get(10, TimeUnit.SECONDS);
            assertThat(reason.getCloseCode()).isEqualTo(CloseReason.CloseCodes.TOO_BIG);
        }
    }

    @Test
    void aPricesSubscriptionIsAnsweredAndSnapshotWithoutSignIn() throws Exception {
        try (Client client = Client.connect()) {
            client.send("{\"op\":\"subscribe\",\"channel\":\"prices\",\"pairs\":[\"ETH-USD\",\"USDC-ETH\"]}");

            JsonObject subscribed = client.next();
            assertThat(subscribed.getString("type")).isEqualTo("subscribed");
            assertThat(subscribed.getJsonArray("pairs").getValuesAs(jakarta.json.JsonString.class))
                    .extracting(jakarta.json.JsonString::getString).containsExactly("ETH-USD", "USDC-ETH");
            JsonObject first = client.next();
            JsonObject second = client.next();
            assertThat(first.getString("channel")).isEqualTo("prices");
            assertThat(first.getString("type")).isEqualTo("price");
            assertThat(java.util.List.of(first, second)).extracting(frame -> frame.getJsonObject("data").getString("pair"))
                    .contains("ETH-USD", "USDC-ETH");
        }
    }

    @Test
    void unsubscribingEndsOnlyWhatItNames() throws Exception {
        try (Client client = Client.connect()) {
            client.send("{\"op\":\"subscribe\",\"channel\":\"prices\",\"pairs\":[\"ETH-USD\",\"USDC-ETH\"]}");
            assertThat(client.nextOfType("subscribed").getJsonArray("pairs")).hasSize(2);

            client.send("{\"op\":\"unsubscribe\",\"channel\":\"prices\",\"pairs\":[\"ETH-USD\"]}");
            assertThat(pairs(client.nextOfType("unsubscribed"))).containsExactly("ETH-USD");
            client.send("{\"op\":\"unsubscribe\",\"channel\":\"prices\"}");
            assertThat(pairs(client.nextOfType("unsubscribed"))).as("all that was left").containsExactly("USDC-ETH");
            client.send("{\"op\":\"unsubscribe\",\"channel\":\"prices\"}");
            assertThat(pairs(client.nextOfType("unsubscribed"))).as("nothing left").isEmpty();
        }
    }

    private static java.util.List<String> pairs(JsonObject frame) {
        return frame.getJsonArray("pairs").getValuesAs(jakarta.json.JsonString.class).stream()
                .map(jakarta.json.JsonString::getString).toList();
    }

    @Test
    void aBarsSubscriptionIsAnsweredWithItsPairAndInterval() throws Exception {
        try (Client client = Client.connect()) {
            client.send("{\"op\":\"subscribe\",\"channel\":\"bars\",\"pair\":\"ETH-USD\",\"interval\":\"1m\"}");

            JsonObject subscribed = client.next();
            assertThat(subscribed.getString("type")).isEqualTo("subscribed");
            assertThat(subscribed.getString("channel")).isEqualTo("bars");
            assertThat(subscribed.getString("interval")).isEqualTo("1m");
        }
    }

    @Test
    void badSubscriptionsAreErrorsAndTheConnectionStaysUsable() throws Exception {
        try (Client client = Client.connect()) {
            client.send("{\"op\":\"subscribe\",\"channel\":\"prices\",\"pairs\":[\"DOGE-USD\"]}");
            assertThat(client.next().getString("code")).isEqualTo("UNKNOWN_PAIR");
            client.send("{\"op\":\"subscribe\",\"channel\":\"bars\",\"pair\":\"ETH-USD\",\"interval\":\"7m\"}");
            assertThat(client.next().getString("code")).isEqualTo("INVALID_INTERVAL");
            StringBuilder many = new StringBuilder("{\"op\":\"subscribe\",\"channel\":\"prices\",\"pairs\":[");
            for (int i = 0; i < 1000; i++) {
                many.append(i == 0 ? "" : ",").append("\"A").append(i).append("-USD\"");
            }
            client.send(many.append("]}").toString());
            assertThat(client.next().getString("code")).isEqualTo("TOO_MANY_SUBSCRIPTIONS");

            client.send("{\"op\":\"ping\"}");
            assertThat(client.next().getString("type")).isEqualTo("pong");
        }
    }

    @Test
    void tenThousandSubscribesInARowAreAnsweredInOrder() throws Exception {
        try (Client client = Client.connect()) {
            for (int i = 0; i < 10_000; i++) {
                client.session.getAsyncRemote().sendText(
                        "{\"op\":\"subscribe\",\"channel\":\"bars\",\"pair\":\"ETH-USD\",\"interval\":\"1m\"}").get();
            }
            client.send("{\"op\":\"ping\"}");

            String last;
            do {
                last = client.next().getString("type");
            } while (!last.equals("pong"));
            assertThat(last).isEqualTo("pong");
        }
    }

    @Test
    void connectionsSubscriptionsAndServerClosesAreInTheMetrics() throws Exception {
        double closesBefore = metric("ws_server_closes_total{", "code=\"1003\"");
        try (Client subscriber = Client.connect(); Client offender = Client.connect()) {
            subscriber.send("{\"op\":\"subscribe\",\"channel\":\"prices\",\"pairs\":[\"ETH-USD\"]}");
            assertThat(subscriber.next().getString("type")).isEqualTo("subscribed");
            subscriber.send("{\"op\":\"subscribe\",\"channel\":\"bars\",\"pair\":\"ETH-USD\",\"interval\":\"5m\"}");
            JsonObject frame;
            do {
                frame = subscriber.next(); // the price snapshot may come first
            } while (!("subscribed".equals(frame.getString("type")) && "bars".equals(frame.getString("channel"))));
            offender.sendBinary(1);
            offender.closed.get(10, TimeUnit.SECONDS);

            assertThat(metric("ws_connections{", "")).isGreaterThanOrEqualTo(1);
            assertThat(metric("ws_subscriptions{", "channel=\"prices\"")).isGreaterThanOrEqualTo(1);
            assertThat(metric("ws_subscriptions{", "channel=\"bars\"")).isGreaterThanOrEqualTo(1);
            assertThat(metric("ws_server_closes_total{", "code=\"1003\"")).isGreaterThanOrEqualTo(closesBefore + 1);
            assertThat(Http.get(TestEnvironment.uri("/metrics?scope=application")).body())
                    .as("the count of updates the fan-out dropped").contains("\nws_updates_dropped{")
                    .as("the count of threads started for send rounds that did not move").contains("\nws_send_helpers{");
        }
    }

    /** The first application metric line's value that starts with {@code name} and contains {@code tag}, or 0. */
    private static double metric(String name, String tag) throws Exception {
        return Http.get(TestEnvironment.uri("/metrics?scope=application")).body().lines()
                .filter(line -> line.startsWith(name) && line.contains(tag))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst().orElse(0);
    }

    /** One client connection that queues what the server sends. */
    static final class Client extends Endpoint implements AutoCloseable {

        private final BlockingQueue<String> received = new LinkedBlockingQueue<>();
        private final CompletableFuture<CloseReason> closed = new CompletableFuture<>();
        private Session session;

        static Client connect() throws Exception {
            return connect(TestEnvironment.baseUri());
        }

        static Client connect(URI server) throws Exception {
            Client client = new Client();
            URI uri = URI.create(server.toString().replaceFirst("^http", "ws") + "/ws");
            client.session = CONTAINER.connectToServer(client, ClientEndpointConfig.Builder.create().build(), uri);
            client.session.setMaxTextMessageBufferSize(2_000_000);
            return client;
        }

        @Override
        public void onOpen(Session session, EndpointConfig config) {
            session.addMessageHandler(String.class, (MessageHandler.Whole<String>) received::add);
        }

        @Override
        public void onClose(Session session, CloseReason reason) {
            closed.complete(reason);
        }

        void send(String text) throws Exception {
            session.getBasicRemote().sendText(text);
        }

        void sendPart(String text, boolean last) throws Exception {
            session.getBasicRemote().sendText(text, last);
        }

        void sendBinary(int size) throws Exception {
            session.getBasicRemote().sendBinary(ByteBuffer.wrap(new byte[size]));
        }

        /** The next frame within {@code millis}, or null when none came. */
        JsonObject poll(long millis) throws InterruptedException {
            String text = received.poll(millis, TimeUnit.MILLISECONDS);
            return text == null ? null : Json.createReader(new StringReader(text)).readObject();
        }

        /** The next frame of the type, skipping market updates (which may come at any time) and others. */
        JsonObject nextOfType(String type) throws InterruptedException {
            JsonObject frame;
            do {
                frame = next();
            } while (!type.equals(frame.getString("type", null)));
            return frame;
        }

        JsonObject next() throws InterruptedException {
            String text = received.poll(10, TimeUnit.SECONDS);
            assertThat(text).as("a message within 10 s").isNotNull();
            return Json.createReader(new StringReader(text)).readObject();
        }

        @Override
        public void close() throws Exception {
            if (session.isOpen()) {
                session.close();
            }
        }
    }
}

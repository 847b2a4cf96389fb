package io.swapdesk.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A user's events reach that user's WebSocket connections, on either server, within a second of the state change,
 * and nobody else's; a client that was away resumes from the last seq it saw.
 */
class AccountEventsIT {

    @Test
    void anEventReachesItsUsersConnectionsOnBothServersAndNoOneElse() throws Exception {
        SignInClient.Session alice = SignInClient.newTrader();
        SignInClient.Session bob = SignInClient.newTrader();
        try (WebSocketIT.Client aliceHere = follow(TestEnvironment.baseUri(), alice, null);
             WebSocketIT.Client aliceThere = follow(TestEnvironment.secondBaseUri(), alice, null);
             WebSocketIT.Client bobHere = follow(TestEnvironment.baseUri(), bob, null)) {

            long written = System.nanoTime();
            long seq = writeEvent(alice.userId(), "execution.completed", "{\"txHash\":\"0xabc\",\"amountDelivered\":\"5\"}");

            JsonObject here = aliceHere.next();
            long latencyMillis = (System.nanoTime() - written) / 1_000_000;
            JsonObject there = aliceThere.next();
            assertThat(here.getString("channel")).isEqualTo("account");
            assertThat(here.getString("type")).isEqualTo("execution.completed");
            assertThat(here.getJsonNumber("seq").longValue()).isEqualTo(seq);
            assertThat(here.getJsonObject("data").getString("txHash")).isEqualTo("0xabc");
            assertThat(there).isEqualTo(here);
            assertThat(latencyMillis).as("delivered within a second").isLessThan(1000);
            assertThat(bobHere.poll(1500)).as("bob receives nothing of alice's").isNull();
        }
    }

    @Test
    void aClientResumesFromTheLastSeqItSaw() throws Exception {
        SignInClient.Session carol = SignInClient.newTrader();
        long first = writeEvent(carol.userId(), "quote.committed", "{\"n\":1}");
        long second = writeEvent(carol.userId(), "execution.submitted", "{\"n\":2}");
        long third = writeEvent(carol.userId(), "execution.completed", "{\"n\":3}");

        try (WebSocketIT.Client back = follow(TestEnvironment.baseUri(), carol, first)) {
            assertThat(back.next().getJsonNumber("seq").longValue()).isEqualTo(second);
            assertThat(back.next().getJsonNumber("seq").longValue()).isEqualTo(third);
            long fourth = writeEvent(carol.userId(), "quote.expired", "{\"n\":4}");
            assertThat(back.next().getJsonNumber("seq").longValue()).isEqualTo(fourth);
            assertThat(back.poll(700)).as("each event once").isNull();
        }
    }

    @Test
    void aBadSinceIsAnErrorAndFollowsNothing() throws Exception {
        SignInClient.Session dave = SignInClient.newTrader();
        try (WebSocketIT.Client client = WebSocketIT.Client.connect()) {
            client.send("{\"op\":\"auth\",\"token\":\"" + dave.token() + "\"}");
            client.next();
            client.send("{\"op\":\"subscribe\",\"channel\":\"account\",\"since\":\"yesterday\"}");

            assertThat(client.next().getString("code")).isEqualTo("INVALID_SINCE");
            writeEvent(dave.userId(), "quote.committed", "{}");
            assertThat(client.poll(1500)).isNull();
        }
    }

    /** Signs the connection in and subscribes to the account channel; returns once the server confirmed. */
    private static WebSocketIT.Client follow(URI server, SignInClient.Session user, Long since) throws Exception {
        WebSocketIT.Client client = WebSocketIT.Client.connect(server);
        client.send("{\"op\":\"auth\",\"token\":\"" + user.token() + "\"}");
        assertThat(client.next().getString("type")).isEqualTo("authenticated");
        client.send("{\"op\":\"subscribe\",\"channel\":\"account\"" + (since == null ? "" : ",\"since\":" + since) + "}");
        assertThat(client.next().getString("type")).isEqualTo("subscribed");
        return client;
    }

    /** Writes an outbox event as a module does in its transaction; returns its seq. */
    private static long writeEvent(String userId, String type, String payload) throws Exception {
        try (Connection db = TestEnvironment.database();
             PreparedStatement insert = db.prepareStatement("INSERT INTO notifications.outbox "
                     + "(id, event_type, subject, user_id, payload, created_at) VALUES (?, ?, ?, ?::uuid, ?::jsonb, now()) "
                     + "RETURNING seq")) {
            insert.setObject(1, UUID.randomUUID());
            insert.setString(2, type);
            insert.setString(3, "quote:" + UUID.randomUUID());
            insert.setString(4, userId);
            insert.setString(5, payload);
            try (ResultSet row = insert.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }
}

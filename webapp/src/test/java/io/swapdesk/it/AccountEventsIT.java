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
 * and nobody else's; a client that was away resumes from the last seq it saw; an event whose transaction commits
 * after a later-inserted one's is neither skipped live nor on resume.
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
            UUID event = writeEvent(alice.userId(), "execution.completed", "{\"txHash\":\"0xabc\",\"amountDelivered\":\"5\"}");

            JsonObject here = aliceHere.next();
            long latencyMillis = (System.nanoTime() - written) / 1_000_000;
            JsonObject there = aliceThere.next();
            assertThat(here.getString("channel")).isEqualTo("account");
            assertThat(here.getString("type")).isEqualTo("execution.completed");
            assertThat(here.getString("id")).isEqualTo(event.toString());
            assertThat(here.getJsonNumber("seq").longValue()).isEqualTo(streamSeq(event));
            assertThat(here.getJsonObject("data").getString("txHash")).isEqualTo("0xabc");
            assertThat(there).isEqualTo(here);
            assertThat(latencyMillis).as("delivered within a second").isLessThan(1000);
            assertThat(bobHere.poll(1500)).as("bob receives nothing of alice's").isNull();
        }
    }

    @Test
    void aClientResumesFromTheLastSeqItSaw() throws Exception {
        SignInClient.Session carol = SignInClient.newTrader();
        UUID first = writeEvent(carol.userId(), "quote.committed", "{\"n\":1}");
        UUID second = writeEvent(carol.userId(), "execution.submitted", "{\"n\":2}");
        UUID third = writeEvent(carol.userId(), "execution.completed", "{\"n\":3}");

        try (WebSocketIT.Client back = follow(TestEnvironment.baseUri(), carol, streamSeq(first))) {
            assertThat(back.next().getString("id")).isEqualTo(second.toString());
            assertThat(back.next().getString("id")).isEqualTo(third.toString());
            UUID fourth = writeEvent(carol.userId(), "quote.expired", "{\"n\":4}");
            assertThat(back.next().getString("id")).isEqualTo(fourth.toString());
            assertThat(back.poll(700)).as("each event once").isNull();
        }
    }

    @Test
    void aClientMoreThanAThousandEventsBehindIsToldToReloadThenGetsWhatFollows() throws Exception {
        SignInClient.Session frank = SignInClient.newTrader();
        UUID seen = writeEvent(frank.userId(), "quote.committed", "{\"n\":0}");
        UUID last = null;
        try (Connection db = TestEnvironment.database()) {
            db.setAutoCommit(false);
            for (int n = 1; n <= 1001; n++) {
                last = insertEvent(db, frank.userId(), "quote.expired", "{\"n\":" + n + "}");
            }
            db.commit();
        }
        long lastMissed = streamSeq(last);

        try (WebSocketIT.Client back = follow(TestEnvironment.baseUri(), frank, streamSeq(seen))) {
            JsonObject reload = back.next();
            assertThat(reload.getString("type")).isEqualTo("reload");
            assertThat(reload.getJsonNumber("seq").longValue()).as("past every missed event")
                    .isGreaterThanOrEqualTo(lastMissed);
            assertThat(reload.getString("reason")).contains("GET /api/quotes");
            UUID next = writeEvent(frank.userId(), "execution.completed", "{\"n\":1002}");
            assertThat(back.next().getString("id")).isEqualTo(next.toString());
            assertThat(back.poll(700)).as("no partial replay, nothing twice").isNull();
        }
    }

    /**
     * Two state changes of one user in flight at once: the one that inserted its event first commits last. Its event
     * is published after the other's, with the higher seq, and reaches a live client and a resuming one.
     */
    @Test
    void anEventCommittedAfterALaterInsertedOneIsNeitherSkippedLiveNorOnResume() throws Exception {
        SignInClient.Session erin = SignInClient.newTrader();
        try (WebSocketIT.Client live = follow(TestEnvironment.baseUri(), erin, null);
             Connection slowChange = TestEnvironment.database()) {
            slowChange.setAutoCommit(false);
            UUID insertedFirst = insertEvent(slowChange, erin.userId(), "quote.committed", "{\"n\":1}");
            UUID committedFirst = writeEvent(erin.userId(), "execution.submitted", "{\"n\":2}");
            JsonObject published = live.next();
            assertThat(published.getString("id")).isEqualTo(committedFirst.toString());

            slowChange.commit();
            JsonObject late = live.next();
            assertThat(late.getString("id")).as("the late commit's event, live").isEqualTo(insertedFirst.toString());
            assertThat(late.getJsonNumber("seq").longValue()).isGreaterThan(published.getJsonNumber("seq").longValue());

            try (WebSocketIT.Client resumed = follow(TestEnvironment.secondBaseUri(), erin,
                    published.getJsonNumber("seq").longValue())) {
                assertThat(resumed.next().getString("id")).as("the late commit's event, on resume")
                        .isEqualTo(insertedFirst.toString());
                assertThat(resumed.poll(700)).isNull();
            }
        }
    }

    /** A server's listening session drops: what was published meanwhile still reaches its connected clients. */
    @Test
    void anEventPublishedWhileTheServersWereNotListeningStillReachesALiveClient() throws Exception {
        SignInClient.Session frank = SignInClient.newTrader();
        try (WebSocketIT.Client live = follow(TestEnvironment.baseUri(), frank, null)) {
            UUID before = writeEvent(frank.userId(), "quote.committed", "{\"n\":1}");
            assertThat(live.next().getString("id")).isEqualTo(before.toString());

            assertThat(dropAccountListeners()).as("listening sessions dropped").isPositive();
            UUID whileDown = writeEvent(frank.userId(), "execution.submitted", "{\"n\":2}");
            streamSeq(whileDown); // published, with nobody listening: a server reconnects after a second

            assertThat(live.next().getString("id")).as("caught up after the reconnect").isEqualTo(whileDown.toString());
            UUID after = writeEvent(frank.userId(), "execution.completed", "{\"n\":3}");
            assertThat(live.next().getString("id")).isEqualTo(after.toString());
            assertThat(live.poll(700)).as("each event once").isNull();
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

    /** Writes an outbox event as a module does in its transaction, and commits; returns its id. */
    private static UUID writeEvent(String userId, String type, String payload) throws Exception {
        try (Connection db = TestEnvironment.database()) {
            return insertEvent(db, userId, type, payload);
        }
    }

    /** Inserts an outbox event in the connection's transaction; returns its id. */
    private static UUID insertEvent(Connection db, String userId, String type, String payload) throws Exception {
        UUID id = UUID.randomUUID();
        try (PreparedStatement insert = db.prepareStatement("INSERT INTO notifications.outbox "
                + "(id, event_type, subject, user_id, payload, created_at) VALUES (?, ?, ?, ?::uuid, ?::jsonb, now())")) {
            insert.setObject(1, id);
            insert.setString(2, type);
            insert.setString(3, "quote:" + UUID.randomUUID());
            insert.setString(4, userId);
            insert.setString(5, payload);
            insert.executeUpdate();
        }
        return id;
    }

    /** Ends every server's session that LISTENs for account events, as a database restart or a network fault would. */
    private static int dropAccountListeners() throws Exception {
        try (Connection db = TestEnvironment.database();
             PreparedStatement drop = db.prepareStatement("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                     + " WHERE datname = current_database() AND query = 'LISTEN swapdesk_account'");
             ResultSet row = drop.executeQuery()) {
            row.next();
            return row.getInt(1);
        }
    }

    /** The seq the event was published with, once a dispatcher has published it. */
    private static long streamSeq(UUID event) throws Exception {
        long deadline = System.nanoTime() + 5_000_000_000L;
        try (Connection db = TestEnvironment.database();
             PreparedStatement query = db.prepareStatement(
                     "SELECT stream_seq FROM notifications.outbox WHERE id = ? AND stream_seq IS NOT NULL")) {
            query.setObject(1, event);
            while (System.nanoTime() < deadline) {
                try (ResultSet row = query.executeQuery()) {
                    if (row.next()) {
                        return row.getLong(1);
                    }
                }
                Thread.sleep(50);
            }
        }
        throw new AssertionError("event " + event + " not published within 5 s");
    }
}

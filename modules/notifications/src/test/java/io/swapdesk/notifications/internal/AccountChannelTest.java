package io.swapdesk.notifications.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.swapdesk.identity.UserId;
import io.swapdesk.platform.Jsonp;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class AccountChannelTest {

    private static final UserId ALICE = new UserId(UUID.fromString("01900000-0000-7000-8000-00000000a11c"));
    private static final UserId BOB = new UserId(UUID.fromString("01900000-0000-7000-8000-000000000b0b"));

    private final List<AccountEvent> stored = new ArrayList<>();
    private final AccountChannel channel = new AccountChannel();
    /** Runs in the middle of every outbox read, as a notice on the listening thread can. */
    private Runnable duringRead = () -> { };

    AccountChannelTest() {
        channel.events = new AccountEvents() {
            @Override
            List<AccountEvent> after(UUID user, long since) {
                duringRead.run();
                return stored.stream().filter(e -> e.userId().equals(user) && e.seq() > since)
                        .limit(AccountEvents.MAX_REPLAY + 1).toList();
            }

            @Override
            long lastStreamSeq() {
                return stored.stream().mapToLong(AccountEvent::seq).max().orElse(0);
            }
        };
    }

    @Test
    void aFollowerGetsOnlyItsUsersEventsInOrder() {
        MarketFixture.RecordingTransport alice = new MarketFixture.RecordingTransport(true);
        MarketFixture.RecordingTransport bob = new MarketFixture.RecordingTransport(true);
        channel.follow(connection(alice), ALICE, () -> true, null);
        channel.follow(connection(bob), BOB, () -> true, null);

        channel.deliver(event(1, ALICE));
        channel.deliver(event(2, BOB));
        channel.deliver(event(3, ALICE));

        assertThat(alice.frames).hasSize(2).allSatisfy(frame -> assertThat(frame).contains(ALICE.toString()));
        assertThat(alice.frames.get(0)).contains("\"seq\":1");
        assertThat(alice.frames.get(1)).contains("\"seq\":3");
        assertThat(bob.frames).singleElement().asString().contains("\"seq\":2", "\"channel\":\"account\"");
    }

    @Test
    void resumingReplaysWhatWasMissedThenLiveEventsWithoutGapsOrDuplicates() {
        stored.add(event(2, ALICE));
        stored.add(event(4, ALICE));
        stored.add(event(5, ALICE));
        MarketFixture.RecordingTransport alice = new MarketFixture.RecordingTransport(true);
        // A live event arriving in the middle of a replay: it must wait for the replay, and come once.
        duringRead = () -> channel.deliver(event(5, ALICE));

        channel.follow(connection(alice), ALICE, () -> true, 1L);
        channel.deliver(event(5, ALICE));
        channel.deliver(event(6, ALICE));

        assertThat(alice.frames).extracting(frame -> frame.replaceAll(".*\"seq\":(\\d+).*", "$1"))
                .containsExactly("2", "4", "5", "6");
    }

    @Test
    void aFollowerWhoseTokenExpiredGetsNothingMore() {
        AtomicBoolean entitled = new AtomicBoolean(true);
        MarketFixture.RecordingTransport alice = new MarketFixture.RecordingTransport(true);
        channel.follow(connection(alice), ALICE, entitled::get, null);

        channel.deliver(event(1, ALICE));
        entitled.set(false);
        channel.deliver(event(2, ALICE));

        assertThat(alice.frames).hasSize(1);
        assertThat(channel.followed(ALICE.value())).isFalse();
    }

    private static StreamConnection connection(MarketFixture.RecordingTransport transport) {
        return new StreamConnection(1, 0, new Outbound(transport, System::nanoTime, 100));
    }

    @Test
    void aCatchUpSendsWhatALiveFollowerMissedSinceItSubscribedOnceAndInOrder() throws Exception {
        stored.add(event(2, ALICE));
        MarketFixture.RecordingTransport alice = new MarketFixture.RecordingTransport(true);
        channel.follow(connection(alice), ALICE, () -> true, null);
        stored.add(event(3, ALICE)); // published while this server was not listening
        stored.add(event(4, BOB));
        stored.add(event(5, ALICE));

        channel.catchUp(ALICE.value());
        channel.deliver(event(5, ALICE)); // a notice the catch-up had already read
        channel.deliver(event(6, ALICE));

        assertThat(seqs(alice)).as("not 2, which came before the subscription").containsExactly("3", "5", "6");
        assertThat(channel.followedUsers()).containsExactly(ALICE.value());
    }

    @Test
    void aResumingFollowerWhoseReplayFailedCatchesUpFromItsSinceNotFromTheStart() throws Exception {
        stored.add(event(1, ALICE));
        stored.add(event(2, ALICE));
        stored.add(event(3, ALICE));
        MarketFixture.RecordingTransport alice = new MarketFixture.RecordingTransport(true);
        channel.events = failingOnce(channel.events);

        channel.follow(connection(alice), ALICE, () -> true, 2L);
        assertThat(alice.frames).isEmpty();
        channel.catchUp(ALICE.value());

        assertThat(seqs(alice)).containsExactly("3");
    }

    @Test
    void aClientTooFarBehindToReplayIsToldToReloadThenGetsWhatFollows() {
        for (long seq = 2; seq <= AccountEvents.MAX_REPLAY + 2; seq++) {
            stored.add(event(seq, ALICE));
        }
        stored.add(event(AccountEvents.MAX_REPLAY + 3, BOB));
        MarketFixture.RecordingTransport alice = new MarketFixture.RecordingTransport(true);
        long last = AccountEvents.MAX_REPLAY + 3;
        // Published while the replay read: the reload covers it, so it must not come twice.
        duringRead = () -> channel.deliver(event(AccountEvents.MAX_REPLAY + 2, ALICE));

        channel.follow(connection(alice), ALICE, () -> true, 1L);
        channel.deliver(event(last + 1, ALICE));

        assertThat(alice.frames).hasSize(2);
        JsonObject reload = json(alice.frames.get(0));
        assertThat(reload.getString("channel")).isEqualTo("account");
        assertThat(reload.getString("type")).isEqualTo("reload");
        assertThat(reload.getJsonNumber("seq").longValue()).as("where the stream stood").isEqualTo(last);
        assertThat(reload.getString("reason")).contains("more than 1000 events", "GET /api/quotes");
        assertThat(seqs(alice).get(1)).isEqualTo(String.valueOf(last + 1));
    }

    @Test
    void whenTheStreamPositionCannotBeReadTheReloadIsFromTheLastEventRead() {
        for (long seq = 2; seq <= AccountEvents.MAX_REPLAY + 2; seq++) {
            stored.add(event(seq, ALICE));
        }
        AccountEvents readable = channel.events;
        channel.events = new AccountEvents() {
            @Override
            List<AccountEvent> after(UUID user, long since) throws SQLException {
                return readable.after(user, since);
            }

            @Override
            long lastStreamSeq() throws SQLException {
                throw new SQLException("connection refused");
            }
        };
        MarketFixture.RecordingTransport alice = new MarketFixture.RecordingTransport(true);

        channel.follow(connection(alice), ALICE, () -> true, 1L);
        channel.deliver(event(AccountEvents.MAX_REPLAY + 3, ALICE));

        assertThat(alice.frames).hasSize(2);
        assertThat(json(alice.frames.get(0)).getString("type")).isEqualTo("reload");
        assertThat(seqs(alice)).containsExactly(String.valueOf(AccountEvents.MAX_REPLAY + 2),
                String.valueOf(AccountEvents.MAX_REPLAY + 3));
    }

    @Test
    void aCatchUpTooFarBehindTellsTheLiveFollowerToReload() throws Exception {
        MarketFixture.RecordingTransport alice = new MarketFixture.RecordingTransport(true);
        channel.follow(connection(alice), ALICE, () -> true, null);
        channel.deliver(event(1, ALICE));
        for (long seq = 2; seq <= AccountEvents.MAX_REPLAY + 2; seq++) {
            stored.add(event(seq, ALICE)); // published while this server was not listening
        }

        channel.catchUp(ALICE.value());
        channel.deliver(event(AccountEvents.MAX_REPLAY + 3, ALICE));

        assertThat(alice.frames).hasSize(3);
        assertThat(json(alice.frames.get(1)).getString("type")).isEqualTo("reload");
        assertThat(seqs(alice)).containsExactly("1", String.valueOf(AccountEvents.MAX_REPLAY + 2),
                String.valueOf(AccountEvents.MAX_REPLAY + 3));
    }

    @Test
    void aUserNobodyFollowsAnyMoreLeavesNoEntryBehind() {
        MarketFixture.RecordingTransport alice = new MarketFixture.RecordingTransport(true);
        StreamConnection connection = connection(alice);
        channel.follow(connection, ALICE, () -> true, null);
        assertThat(channel.usersTracked()).isEqualTo(1);

        connection.outbound().closed();
        channel.unfollow(connection);

        assertThat(channel.usersTracked()).isZero();
    }

    @Test
    void aFollowOnAConnectionClosedMeanwhileIsUndone() {
        MarketFixture.RecordingTransport alice = new MarketFixture.RecordingTransport(true);
        StreamConnection connection = connection(alice);
        connection.outbound().closed();

        channel.follow(connection, ALICE, () -> true, null);
        channel.deliver(event(1, ALICE));

        assertThat(channel.usersTracked()).isZero();
        assertThat(alice.frames).isEmpty();
    }

    /** The first read throws SQLException, as a database that is down does; later reads go to {@code events}. */
    private static AccountEvents failingOnce(AccountEvents events) {
        return new AccountEvents() {
            private boolean failed;

            @Override
            List<AccountEvent> after(UUID user, long since) throws SQLException {
                if (!failed) {
                    failed = true;
                    throw new SQLException("connection refused");
                }
                return events.after(user, since);
            }

            @Override
            long lastStreamSeq() throws SQLException {
                return events.lastStreamSeq();
            }
        };
    }

    private static JsonObject json(String frame) {
        try (JsonReader reader = Jsonp.createReader(new StringReader(frame))) {
            return reader.readObject();
        }
    }

    private static List<String> seqs(MarketFixture.RecordingTransport transport) {
        return transport.frames.stream().map(frame -> frame.replaceAll(".*\"seq\":(\\d+).*", "$1")).toList();
    }

    private static AccountEvent event(long seq, UserId user) {
        return new AccountEvent(seq, user.value(), UUID.randomUUID(), "quote.committed",
                "{\"user\":\"" + user + "\"}", Instant.parse("2026-11-21T10:00:00Z"));
    }
}

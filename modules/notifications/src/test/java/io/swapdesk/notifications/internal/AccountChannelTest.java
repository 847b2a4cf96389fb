package io.swapdesk.notifications.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.swapdesk.identity.UserId;
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

    AccountChannelTest() {
        channel.events = new AccountEvents() {
            @Override
            List<AccountEvent> after(UUID user, long since) {
                // A live event arriving in the middle of a replay: it must wait for the replay, and come once.
                channel.deliver(event(5, ALICE));
                return stored.stream().filter(e -> e.userId().equals(user) && e.seq() > since).toList();
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

    private static AccountEvent event(long seq, UserId user) {
        return new AccountEvent(seq, user.value(), UUID.randomUUID(), "quote.committed",
                "{\"user\":\"" + user + "\"}", Instant.parse("2026-11-21T10:00:00Z"));
    }
}

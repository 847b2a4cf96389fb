package io.swapdesk.notifications.internal;

import static io.swapdesk.notifications.internal.MarketFixture.eventually;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class SendRoundsTest {

    private final SendRounds rounds = new SendRounds(Thread.ofVirtual().factory());

    @Test
    void aRoundSendsWhatEveryConnectionHasPending() {
        MarketFixture.RecordingTransport first = new MarketFixture.RecordingTransport(true);
        MarketFixture.RecordingTransport second = new MarketFixture.RecordingTransport(true);
        Outbound one = connection(first);
        Outbound two = connection(second);
        assertThat(one.put("p:ETH-USD", "eth 1")).isTrue();
        assertThat(one.put("p:USDC-USD", "usdc 1")).isFalse();
        assertThat(two.put("b:ETH-USD:1m", "bar 1")).isTrue();

        rounds.start(List.of(one, two), List.of("eth 1", "bar 1"));

        eventually(() -> rounds.running() == 0);
        assertThat(first.frames).containsExactly("eth 1", "usdc 1");
        assertThat(second.frames).as("each connection gets the frame handed over to it").containsExactly("bar 1");
        rounds.check();
        assertThat(rounds.helpersStarted()).isZero();
    }

    @Test
    void aSendThatBlocksGetsTheRoundAHelperAndTheConnectionsAfterItAreServed() throws InterruptedException {
        MarketFixture.RecordingTransport stuck = new MarketFixture.RecordingTransport(false);
        MarketFixture.RecordingTransport after = new MarketFixture.RecordingTransport(true);
        MarketFixture.RecordingTransport last = new MarketFixture.RecordingTransport(true);
        List<Outbound> connections = List.of(connection(stuck), connection(after), connection(last));
        List<String> frames = List.of("eth 1", "eth 2", "eth 3");
        for (int i = 0; i < connections.size(); i++) {
            assertThat(connections.get(i).put("p:ETH-USD", frames.get(i))).isTrue();
        }

        rounds.start(connections, frames);
        eventually(() -> stuck.frames.size() == 1); // the round's thread blocks in this send
        Thread.sleep(50);
        assertThat(after.frames).as("waits behind the blocked send").isEmpty();
        rounds.check(); // the round has not moved since ...
        rounds.check(); // ... the last check: one more thread

        eventually(() -> last.frames.size() == 1);
        assertThat(after.frames).containsExactly("eth 2");
        assertThat(last.frames).containsExactly("eth 3");
        assertThat(rounds.helpersStarted()).isEqualTo(1);
        assertThat(rounds.running()).isZero();
        rounds.check();
        assertThat(rounds.helpersStarted()).as("a finished round gets none").isEqualTo(1);

        stuck.release(); // the blocked thread finds the round done and ends
        eventually(() -> connections.get(0).pendingFrames() == 0);
    }

    @Test
    void aRoundNeedsOneFrameHandedOverPerConnection() {
        Outbound one = connection(new MarketFixture.RecordingTransport(true));

        assertThatThrownBy(() -> rounds.start(List.of(one), List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(rounds.running()).isZero();
    }

    private static Outbound connection(MarketFixture.RecordingTransport transport) {
        return new Outbound(transport, System::nanoTime, 3);
    }
}

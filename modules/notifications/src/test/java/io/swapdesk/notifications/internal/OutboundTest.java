package io.swapdesk.notifications.internal;

import static io.swapdesk.notifications.internal.MarketFixture.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class OutboundTest {

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final MarketFixture.RecordingTransport slow = new MarketFixture.RecordingTransport(false);
    private final Outbound outbound = new Outbound(slow, nanos::get, 3);

    @Test
    void onlyOneSendIsInFlightAndTheRestWaitsInOrder() {
        outbound.reply("a");
        eventually(() -> slow.frames.size() == 1); // the sender is in its first send
        outbound.reply("b");
        outbound.offer("p:ETH-USD", "c");

        assertThat(slow.frames).containsExactly("a");
        assertThat(slow.sendersStarted).hasValue(1);
        slow.release();
        slow.release();
        slow.release();
        eventually(() -> outbound.pendingFrames() == 0 && slow.frames.size() == 3);
        assertThat(slow.frames).containsExactly("a", "b", "c");
    }

    @Test
    void aSlowClientGetsTheLatestValuePerKeyInItsPlace() {
        outbound.offer("p:ETH-USD", "eth 1");
        eventually(() -> slow.frames.size() == 1);
        outbound.offer("p:ETH-USD", "eth 2");
        outbound.offer("p:USDC-USD", "usdc 1");
        outbound.offer("p:ETH-USD", "eth 3");
        outbound.offer("p:USDC-USD", "usdc 2");

        slow.release();
        slow.release();
        slow.release();

        eventually(() -> slow.frames.size() == 3);
        assertThat(slow.frames).containsExactly("eth 1", "eth 3", "usdc 2");
        assertThat(outbound.coalesced()).isEqualTo(2);
    }

    @Test
    void beingBehindIsMeasuredFromTheFirstFrameThatHadToWait() {
        outbound.offer("p:ETH-USD", "eth 1");
        eventually(() -> slow.frames.size() == 1);
        assertThat(outbound.behindMillis()).isZero();

        outbound.offer("p:ETH-USD", "eth 2");
        nanos.addAndGet(2_500_000_000L);
        assertThat(outbound.behindMillis()).isEqualTo(2500);

        slow.release(); // eth 2 goes out; nothing waits any more
        eventually(() -> slow.frames.size() == 2);
        assertThat(outbound.behindMillis()).isZero();
    }

    @Test
    void aSendThatDoesNotCompleteCountsAsBehindWithNothingWaiting() {
        outbound.offer("p:ETH-USD", "eth 1"); // in flight, never completes
        eventually(() -> slow.frames.size() == 1);
        nanos.addAndGet(3_000_000_000L);
        assertThat(outbound.pendingFrames()).isZero();
        assertThat(outbound.behindMillis()).isEqualTo(3000);

        slow.release(); // done: nothing in flight, nothing waits
        eventually(() -> outbound.behindMillis() == 0);
    }

    @Test
    void aClientThatSendsFasterThanItReadsWaitsForRoom() throws Exception {
        outbound.reply("1");
        eventually(() -> slow.frames.size() == 1);
        outbound.reply("2");
        outbound.reply("3");
        outbound.reply("4");
        Thread reader = Thread.ofPlatform().start(() -> outbound.reply("5", 10_000));
        Thread.sleep(100);
        assertThat(reader.isAlive()).as("waits while 3 replies wait").isTrue();

        slow.release(); // "2" goes out: room for one

        reader.join(5_000);
        assertThat(reader.isAlive()).isFalse();
        assertThat(slow.closeCode).isZero();
        assertThat(outbound.pendingFrames()).isEqualTo(3);
    }

    @Test
    void aClientThatSendsWithoutReadingIsClosedAsTooSlow() {
        outbound.reply("1");
        eventually(() -> slow.frames.size() == 1); // in flight
        outbound.reply("2");
        outbound.reply("3");
        outbound.reply("4");
        assertThat(slow.closeCode).isZero();

        outbound.reply("5");

        assertThat(slow.closeCode).isEqualTo(Outbound.TOO_SLOW);
        assertThat(slow.closeReason).contains("too slow");
        assertThat(outbound.offer("p:ETH-USD", "after")).isFalse();
    }

    @Test
    void aSendThatFailsClosesTheConnectionAndDropsWhatWaits() {
        outbound.offer("p:ETH-USD", "eth 1");
        eventually(() -> slow.frames.size() == 1);
        outbound.offer("p:ETH-USD", "eth 2");

        slow.close(1006, "gone"); // the session ends under the blocked write

        eventually(outbound::isClosed);
        assertThat(outbound.pendingFrames()).isZero();
        assertThat(outbound.offer("p:ETH-USD", "eth 3")).isFalse();
        assertThat(slow.frames).containsExactly("eth 1");
    }

    @Test
    void putHandsTheFirstFrameToTheSenderTheCallerRunsAndTheRestWaitsForIt() {
        MarketFixture.RecordingTransport fast = new MarketFixture.RecordingTransport(true);
        Outbound fanOut = new Outbound(fast, nanos::get, 3);

        assertThat(fanOut.put("p:ETH-USD", "eth 1")).as("handed over: the caller runs the sender").isTrue();
        assertThat(fanOut.put("p:USDC-USD", "usdc 1")).as("a sender is asked for already").isFalse();
        assertThat(fanOut.put("p:ETH-USD", "eth 2")).as("waits; does not replace the frame handed over").isFalse();
        fanOut.reply("pong"); // waits for the same sender; starts none of its own
        assertThat(fast.frames).isEmpty();
        assertThat(fast.sendersStarted).hasValue(0);

        fanOut.sendHandedOver("eth 1");

        assertThat(fast.frames).containsExactly("eth 1", "usdc 1", "eth 2", "pong");
        assertThat(fanOut.sent()).isEqualTo(4);
        assertThat(fanOut.put("p:ETH-USD", "eth 3")).as("nothing at work any more: handed over again").isTrue();
    }

    @Test
    void aFramePutWhileTheSenderIsBlockedWaitsForThatSender() {
        outbound.offer("p:ETH-USD", "eth 1");
        eventually(() -> slow.frames.size() == 1); // a sender blocks in the send

        assertThat(outbound.put("p:ETH-USD", "eth 2")).as("one send in flight at a time: no new sender").isFalse();

        slow.release();
        slow.release();
        eventually(() -> slow.frames.size() == 2 && outbound.pendingFrames() == 0);
        assertThat(slow.frames).containsExactly("eth 1", "eth 2");
    }

    @Test
    void aFrameHandedOverToAConnectionThatClosesIsNotSent() {
        MarketFixture.RecordingTransport fast = new MarketFixture.RecordingTransport(true);
        Outbound fanOut = new Outbound(fast, nanos::get, 3);
        assertThat(fanOut.put("p:ETH-USD", "eth 1")).isTrue();

        fanOut.closed();
        fanOut.sendHandedOver("eth 1");

        assertThat(fast.frames).isEmpty();
        assertThat(fanOut.sent()).isZero();
    }
}

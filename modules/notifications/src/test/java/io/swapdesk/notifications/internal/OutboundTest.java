package io.swapdesk.notifications.internal;

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
        outbound.reply("b");
        outbound.offer("p:ETH-USD", "c");

        assertThat(slow.frames).containsExactly("a");
        slow.release();
        slow.release();
        slow.release();
        assertThat(slow.frames).containsExactly("a", "b", "c");
        assertThat(outbound.pendingFrames()).isZero();
    }

    @Test
    void aSlowClientGetsTheLatestValuePerKeyInItsPlace() {
        outbound.offer("p:ETH-USD", "eth 1");
        outbound.offer("p:ETH-USD", "eth 2");
        outbound.offer("p:USDC-USD", "usdc 1");
        outbound.offer("p:ETH-USD", "eth 3");
        outbound.offer("p:USDC-USD", "usdc 2");

        slow.release();
        slow.release();
        slow.release();

        assertThat(slow.frames).containsExactly("eth 1", "eth 3", "usdc 2");
        assertThat(outbound.coalesced()).isEqualTo(2);
    }

    @Test
    void beingBehindIsMeasuredFromTheFirstFrameThatHadToWait() {
        outbound.offer("p:ETH-USD", "eth 1");
        assertThat(outbound.behindMillis()).isZero();

        outbound.offer("p:ETH-USD", "eth 2");
        nanos.addAndGet(2_500_000_000L);
        assertThat(outbound.behindMillis()).isEqualTo(2500);

        slow.release(); // eth 2 goes out; nothing waits any more
        assertThat(outbound.behindMillis()).isZero();
    }

    @Test
    void aSendThatDoesNotCompleteCountsAsBehindWithNothingWaiting() {
        outbound.offer("p:ETH-USD", "eth 1"); // in flight, never completes
        nanos.addAndGet(3_000_000_000L);
        assertThat(outbound.pendingFrames()).isZero();
        assertThat(outbound.behindMillis()).isEqualTo(3000);

        slow.release(); // done: nothing in flight, nothing waits
        assertThat(outbound.behindMillis()).isZero();
    }

    @Test
    void aClientThatSendsFasterThanItReadsWaitsForRoom() throws Exception {
        outbound.reply("1");
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
        outbound.reply("1"); // in flight
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
    void sendsThatCompleteAtOnceAreContinuedWithoutRecursion() {
        MarketFixture.RecordingTransport fast = new MarketFixture.RecordingTransport(false) {
            @Override
            public void send(String text, java.util.function.Consumer<Throwable> done) {
                frames.add(text);
                if (text.equals("first")) {
                    held.add(done);
                } else {
                    done.accept(null);
                }
            }
        };
        Outbound quick = new Outbound(fast, nanos::get, 200_000);
        quick.reply("first");
        for (int i = 0; i < 100_000; i++) {
            quick.reply("r" + i);
        }

        fast.release(); // 100,000 frames complete inline, one after the other, on this thread

        assertThat(fast.frames).hasSize(100_001).endsWith("r99999");
        assertThat(quick.pendingFrames()).isZero();
    }
}

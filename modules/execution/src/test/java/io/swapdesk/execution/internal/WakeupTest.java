package io.swapdesk.execution.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class WakeupTest {

    private final Wakeup wakeup = new Wakeup();

    @Test
    void withoutAWakeTheWaitIsThePollInterval() throws Exception {
        long began = System.nanoTime();
        wakeup.await(wakeup.seen(), Duration.ofMillis(200));
        assertThat(Duration.ofNanos(System.nanoTime() - began)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
    }

    @Test
    void aWakeBeforeTheWaitButAfterTheLookEndsItAtOnce() throws Exception {
        long seen = wakeup.seen();
        wakeup.wake();
        long began = System.nanoTime();
        wakeup.await(seen, Duration.ofSeconds(30));
        assertThat(Duration.ofNanos(System.nanoTime() - began)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void aWakeDuringTheWaitEndsIt() throws Exception {
        long seen = wakeup.seen();
        CompletableFuture<Void> waiting = CompletableFuture.runAsync(() -> {
            try {
                wakeup.await(seen, Duration.ofSeconds(30));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(100);
        assertThat(waiting).isNotDone();
        wakeup.wake();
        waiting.get(5, TimeUnit.SECONDS);
    }
}

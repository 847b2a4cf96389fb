package io.swapdesk.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BatchWriterTest {

    @Test
    void recordsArriveInBatchesInTheOrderOffered() throws Exception {
        List<List<Integer>> batches = new CopyOnWriteArrayList<>();
        CountDownLatch hold = new CountDownLatch(1);
        BatchWriter<Integer> writer = new BatchWriter<>("test", 100, 10, 1, batch -> {
            hold.await(5, TimeUnit.SECONDS);
            batches.add(batch);
        }, new BatchWriter.Listener() { });

        for (int i = 0; i < 25; i++) {
            writer.offer(i);
        }
        hold.countDown();
        assertThat(writer.close(Duration.ofSeconds(5))).isZero();

        assertThat(batches).allSatisfy(batch -> assertThat(batch).hasSizeLessThanOrEqualTo(10));
        assertThat(batches.stream().flatMap(List::stream).toList()).containsExactlyElementsOf(
                java.util.stream.IntStream.range(0, 25).boxed().toList());
        assertThat(writer.written()).isEqualTo(25);
    }

    @Test
    void closingDuringAWriteLetsTheWriteFinish() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<Integer> stored = new CopyOnWriteArrayList<>();
        BatchWriter<Integer> writer = new BatchWriter<>("test", 100, 10, 1, batch -> {
            entered.countDown();
            release.await();
            stored.addAll(batch);
        }, new BatchWriter.Listener() { });
        writer.offer(1);
        assertThat(entered.await(5, TimeUnit.SECONDS)).isTrue();

        java.util.concurrent.CompletableFuture<Integer> closed =
                java.util.concurrent.CompletableFuture.supplyAsync(() -> writer.close(Duration.ofSeconds(5)));
        Thread.sleep(100);
        release.countDown();

        assertThat(closed.get(10, TimeUnit.SECONDS)).isZero();
        assertThat(stored).containsExactly(1);
        assertThat(writer.written()).isEqualTo(1);
    }

    @Test
    void aFullQueueDropsAndCountsInsteadOfWaiting() throws Exception {
        CountDownLatch stuck = new CountDownLatch(1);
        AtomicInteger droppedSeen = new AtomicInteger();
        BatchWriter<Integer> writer = new BatchWriter<>("test", 5, 1, 1, batch -> stuck.await(), new BatchWriter.Listener() {
            @Override
            public void dropped(int records) {
                droppedSeen.addAndGet(records);
            }
        });

        long started = System.nanoTime();
        int accepted = 0;
        for (int i = 0; i < 100; i++) {
            if (writer.offer(i)) {
                accepted++;
            }
        }

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
        assertThat(accepted).isBetween(5, 6); // the queue, plus the one record the writer may already hold
        assertThat(writer.dropped()).isEqualTo(100 - accepted);
        assertThat(droppedSeen).hasValue(100 - accepted);
        stuck.countDown();
        writer.close(Duration.ofSeconds(5));
    }

    @Test
    void aRefusedBatchIsRetriedThenWritten() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        List<Integer> stored = new CopyOnWriteArrayList<>();
        BatchWriter<Integer> writer = new BatchWriter<>("test", 10, 10, 3, batch -> {
            if (calls.incrementAndGet() < 3) {
                throw new IllegalStateException("database away");
            }
            stored.addAll(batch);
        }, new BatchWriter.Listener() { });

        writer.offer(7);
        awaitUntil(() -> writer.written() == 1);

        assertThat(stored).containsExactly(7);
        assertThat(writer.failed()).isZero();
        writer.close(Duration.ofSeconds(1));
    }

    @Test
    void aBatchRefusedEveryTimeIsCountedAsFailedAndTheWriterGoesOn() throws Exception {
        List<Integer> stored = new CopyOnWriteArrayList<>();
        BatchWriter<Integer> writer = new BatchWriter<>("test", 10, 1, 2, batch -> {
            if (batch.contains(1)) {
                throw new IllegalStateException("refused");
            }
            stored.addAll(batch);
        }, new BatchWriter.Listener() { });

        writer.offer(1);
        writer.offer(2);
        awaitUntil(() -> writer.written() == 1);

        assertThat(writer.failed()).isEqualTo(1);
        assertThat(stored).containsExactly(2);
        writer.close(Duration.ofSeconds(1));
    }

    @Test
    void closeWritesWhatIsQueuedAndRefusesMore() {
        List<Integer> stored = new CopyOnWriteArrayList<>();
        BatchWriter<Integer> writer = new BatchWriter<>("test", 1000, 50, 1, stored::addAll, new BatchWriter.Listener() { });
        for (int i = 0; i < 500; i++) {
            writer.offer(i);
        }

        assertThat(writer.close(Duration.ofSeconds(5))).isZero();

        assertThat(stored).hasSize(500);
        assertThat(writer.offer(501)).isFalse();
        assertThat(writer.dropped()).isEqualTo(1);
    }

    @Test
    void closeReportsWhatItCouldNotWriteInTime() {
        BatchWriter<Integer> writer = new BatchWriter<>("test", 100, 1, 1000, batch -> {
            throw new IllegalStateException("database down");
        }, new BatchWriter.Listener() { });
        for (int i = 0; i < 10; i++) {
            writer.offer(i);
        }

        int left = writer.close(Duration.ofMillis(300));

        assertThat(left + writer.failed()).isEqualTo(10);
    }

    private static void awaitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition within 5 s").isLessThan(deadline);
            Thread.sleep(10);
        }
    }
}

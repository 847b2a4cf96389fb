package io.swapdesk.platform;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Hands records from a thread that must not wait (an event observer on the price refresh thread) to one writer
 * thread of its own, which stores them in batches.
 *
 * <p>The queue is bounded: {@link #offer} never blocks, and a record that finds the queue full is dropped and
 * counted, so a slow database costs records, never the caller's time or the server's memory. A batch the sink
 * refuses is retried with a growing pause (the queue keeps filling meanwhile, and overflows into drops), and after
 * {@code attempts} it is given up and counted as failed. {@link #close} stops accepting, writes what is queued
 * within its timeout and reports what is left unwritten.
 *
 * @param <T> the record type; immutable
 */
public final class BatchWriter<T> implements AutoCloseable {

    /** Stores one batch, in its own transaction; throws to have it retried. */
    @FunctionalInterface
    public interface Sink<T> {
        void write(List<T> batch) throws Exception;
    }

    /** Told of what happened to records, for metrics. Called on the writer thread, or on the offering thread for drops. */
    public interface Listener {
        default void written(int records) {
        }

        default void dropped(int records) {
        }

        default void failed(int records, Exception cause) {
        }
    }

    private static final Logger LOG = Logger.getLogger(BatchWriter.class.getName());
    private static final Duration FIRST_PAUSE = Duration.ofMillis(200);
    private static final Duration LONGEST_PAUSE = Duration.ofSeconds(5);

    private final String name;
    private final BlockingQueue<T> queue;
    private final int maxBatch;
    private final CountDownLatch closing = new CountDownLatch(1);
    private final int attempts;
    private final Sink<T> sink;
    private final Listener listener;
    private final Thread thread;
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private volatile boolean accepting = true;
    private volatile int inFlight;
    private volatile long closeDeadlineNanos = Long.MAX_VALUE;

    /**
     * Starts the writer thread (a daemon: it never holds the JVM up).
     *
     * @param name     names the thread and the log lines
     * @param capacity records the queue holds at most
     * @param maxBatch records per call of the sink at most
     * @param attempts how often one batch is tried before it is given up, at least 1
     */
    public BatchWriter(String name, int capacity, int maxBatch, int attempts, Sink<T> sink, Listener listener) {
        if (capacity < 1 || maxBatch < 1 || attempts < 1) {
            throw new IllegalArgumentException("capacity, maxBatch and attempts must be positive; got "
                    + capacity + ", " + maxBatch + ", " + attempts);
        }
        this.name = Objects.requireNonNull(name, "name");
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.maxBatch = maxBatch;
        this.attempts = attempts;
        this.sink = Objects.requireNonNull(sink, "sink");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.thread = Thread.ofPlatform().name(name).daemon(true).unstarted(this::run);
        this.thread.start();
    }

    /** Queues one record without waiting; false (and counted as dropped) when the queue is full or closed. */
    public boolean offer(T record) {
        Objects.requireNonNull(record, "record");
        if (accepting && queue.offer(record)) {
            return true;
        }
        dropped.incrementAndGet();
        listener.dropped(1);
        return false;
    }

    public long written() {
        return written.get();
    }

    public long dropped() {
        return dropped.get();
    }

    public long failed() {
        return failed.get();
    }

    /** Records queued, not yet handed to the sink. */
    public int queued() {
        return queue.size();
    }

    /**
     * Stops accepting records, writes what is queued and waits for the writer thread up to {@code timeout}.
     *
     * @return how many records were left unwritten (queued or in a batch still being tried); 0 when all were written
     */
    public int close(Duration timeout) {
        accepting = false;
        closeDeadlineNanos = System.nanoTime() + timeout.toNanos();
        // Wakes the writer from a pause between attempts. Not an interrupt: that would also abort a write in
        // progress (a sink waiting on a lock or a latch), failing a batch that was about to succeed.
        closing.countDown();
        try {
            thread.join(Math.max(1, timeout.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        int left = queue.size() + (thread.isAlive() ? inFlight : 0);
        if (left > 0) {
            LOG.warning(() -> name + ": closed with " + left + " records unwritten");
        }
        return left;
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(10));
    }

    private void run() {
        List<T> batch = new ArrayList<>(maxBatch);
        while (accepting || !queue.isEmpty()) {
            if (!accepting && System.nanoTime() > closeDeadlineNanos) {
                return;
            }
            try {
                T first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return; // the server is stopping the thread itself
            }
            queue.drainTo(batch, maxBatch - 1);
            inFlight = batch.size();
            writeWithRetries(batch);
            inFlight = 0;
            batch.clear();
        }
    }

    private void writeWithRetries(List<T> batch) {
        List<T> frozen = List.copyOf(batch);
        Duration pause = FIRST_PAUSE;
        for (int attempt = 1; ; attempt++) {
            try {
                sink.write(frozen);
                written.addAndGet(frozen.size());
                listener.written(frozen.size());
                return;
            } catch (Exception e) {
                boolean last = attempt >= attempts || (!accepting && System.nanoTime() > closeDeadlineNanos);
                if (last) {
                    failed.addAndGet(frozen.size());
                    listener.failed(frozen.size(), e);
                    LOG.log(Level.WARNING, e, () -> name + ": gave up on a batch of " + frozen.size()
                            + " records after " + attempts + " attempts");
                    return;
                }
                LOG.log(Level.FINE, e, () -> name + ": attempt failed, retrying");
                if (!sleep(pause)) {
                    // close() cut the pause short: try again at once, within the close deadline
                    continue;
                }
                pause = pause.multipliedBy(2).compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : pause.multipliedBy(2);
            }
        }
    }

    /** Pauses before a retry; false when close() cut the pause short. */
    private boolean sleep(Duration pause) {
        try {
            return !closing.await(pause.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}

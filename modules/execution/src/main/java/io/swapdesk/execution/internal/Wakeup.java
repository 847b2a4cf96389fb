package io.swapdesk.execution.internal;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Lets one thread cut another's idle pause short when it has just made work for it. The waiter notes {@link #seen()}
 * before it looks for work and passes it to {@link #await}, which returns at once if a {@link #wake()} came since:
 * a wake between the look and the pause is never lost. Without wakes, {@link #await} is the plain poll interval, which
 * still finds the work other servers made.
 */
final class Wakeup {

    private long wakes; // guarded by this

    synchronized long seen() {
        return wakes;
    }

    synchronized void wake() {
        wakes++;
        notifyAll();
    }

    /** Waits until a wake after {@code seen}, or {@code longest} at most. */
    synchronized void await(long seen, Duration longest) throws InterruptedException {
        long deadline = System.nanoTime() + longest.toNanos();
        while (wakes == seen) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
    }
}

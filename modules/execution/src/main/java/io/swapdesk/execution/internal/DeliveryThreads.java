package io.swapdesk.execution.internal;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Shutdown;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The delivery threads of this server, started with the application: first the reconciler (signers registered, then
 * every delivery in flight resolved once from the chain), and only then {@code execution.workers} workers, which
 * claim queued deliveries and check in-flight ones, and one housekeeper for the signer pool.
 *
 * <p>Every server runs the same threads: work is claimed with {@code FOR UPDATE SKIP LOCKED} and every step is
 * idempotent, so the reconciler needs no lease (docs/decisions/0011).
 */
@ApplicationScoped
public class DeliveryThreads {

    private static final Logger LOG = Logger.getLogger(DeliveryThreads.class.getName());
    private static final Duration HOUSEKEEPING = Duration.ofSeconds(2);

    @Inject
    DeliveryEngine engine;

    @Inject
    ExecutionSettings settings;

    private final List<Thread> threads = new ArrayList<>();
    private final CountDownLatch stop = new CountDownLatch(1);
    private final Wakeup scheduled = new Wakeup();
    private volatile boolean reconciled;

    void start(@Observes Startup startup) {
        if (!settings.enabled()) {
            LOG.info("delivery is off on this server (execution.enabled=false)");
            return;
        }
        synchronized (threads) {
            threads.add(Thread.ofPlatform().name("delivery-reconciler").daemon().start(this::reconcileThenWork));
        }
    }

    /** Whether this server's startup reconciliation has finished (workers run only after it). */
    public boolean reconciled() {
        return reconciled;
    }

    private void reconcileThenWork() {
        // Until one pass succeeds, no worker starts: the database may still be migrating (the schema arrives with
        // the application's migrations, which run beside CDI's startup), or be down.
        while (true) {
            try {
                engine.maintainSigners();
                int resolved = engine.reconcileAll();
                LOG.info(() -> "delivery reconciliation done: " + resolved + " in-flight deliveries looked at");
                break;
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "delivery reconciliation waits for the database", e);
                LOG.info(() -> "delivery reconciliation waits for the database: " + e.getMessage());
                if (pause(Duration.ofSeconds(2))) {
                    return;
                }
            }
        }
        reconciled = true;
        synchronized (threads) {
            if (stop.getCount() == 0) {
                return;
            }
            for (int i = 0; i < settings.workers(); i++) {
                threads.add(Thread.ofPlatform().name("delivery-worker-" + i).daemon().start(this::work));
            }
            threads.add(Thread.ofPlatform().name("delivery-signers").daemon().start(this::housekeep));
        }
    }

    /** A commit on this server scheduled deliveries: the workers look now, not at their next poll. */
    void deliveriesScheduled() {
        scheduled.wake();
    }

    private void work() {
        while (stop.getCount() > 0) {
            long seen = scheduled.seen();
            boolean busy = false;
            try {
                busy = engine.submitQueued();
                busy |= engine.checkDue() > 0;
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "delivery worker step failed; retrying after a pause", e);
            }
            if (!busy && pauseUnlessScheduled(seen)) {
                return;
            }
        }
    }

    /** Waits a poll, or until a delivery is scheduled here after {@code seen}; true when the server is stopping. */
    private boolean pauseUnlessScheduled(long seen) {
        try {
            scheduled.await(seen, settings.poll());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
        return stop.getCount() == 0;
    }

    private void housekeep() {
        while (!pause(HOUSEKEEPING)) {
            try {
                engine.maintainSigners();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "signer housekeeping failed; retrying", e);
            }
        }
    }

    /** Waits; true when the server is stopping. */
    private boolean pause(Duration duration) {
        try {
            return stop.await(duration.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    /**
     * Stops the threads when the application starts shutting down: by the time {@code @PreDestroy} runs, the
     * persistence unit may already be closed under a worker that is still in a step.
     */
    void stopOnShutdown(@Observes Shutdown shutdown) {
        stop();
    }

    @PreDestroy
    void stop() {
        stop.countDown();
        scheduled.wake(); // a worker in its pause sees the stop now
        List<Thread> running;
        synchronized (threads) {
            running = List.copyOf(threads);
        }
        for (Thread thread : running) {
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}

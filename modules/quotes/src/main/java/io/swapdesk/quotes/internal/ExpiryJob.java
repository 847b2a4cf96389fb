package io.swapdesk.quotes.internal;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Shutdown;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Moves unpaid quotes past their lifetime (plus {@code quotes.expiry.grace-seconds}) to EXPIRED, on a daemon thread
 * started with the application, every {@code quotes.expiry.interval-ms}. Any number of servers may run it: each
 * batch locks its rows with {@code FOR UPDATE SKIP LOCKED} and changes them only {@code WHERE status = 'PENDING'}, so
 * a quote is expired once, and never one that a commit took first.
 */
@ApplicationScoped
class ExpiryJob {

    static final int BATCH = 200;
    static final long FIRST_RUN_AFTER_MS = 30_000;
    private static final Logger LOG = Logger.getLogger(ExpiryJob.class.getName());

    @Inject
    Expiry expiry;

    @Inject
    QuotesSettings settings;

    @Inject
    Clock clock;

    private ScheduledExecutorService scheduler;

    void start(@Observes Startup startup) {
        scheduler = Executors.newSingleThreadScheduledExecutor(runnable ->
                Thread.ofPlatform().name("quotes-expiry").daemon().unstarted(runnable));
        long every = settings.expiryInterval().toMillis();
        // The first run waits: the server has just started and has more urgent work than quotes 30 s old.
        scheduler.scheduleWithFixedDelay(this::runOnce, Math.max(every, FIRST_RUN_AFTER_MS), every,
                TimeUnit.MILLISECONDS);
    }

    private void runOnce() {
        try {
            Instant now = clock.instant();
            int expired;
            do {
                expired = expiry.expireDue(now.minus(settings.expiryGrace()), now, BATCH);
            } while (expired == BATCH);
        } catch (RuntimeException | Error e) {
            // The next run tries again; a quote stays PENDING meanwhile, which a commit still checks against expiry.
            LOG.log(Level.WARNING, "expiring quotes failed; retrying in " + settings.expiryInterval().toMillis()
                    + " ms", e);
        }
    }

    /** Stops before the persistence unit closes under the job ({@code @PreDestroy} may come after it). */
    void stopOnShutdown(@Observes Shutdown shutdown) {
        stop();
    }

    @PreDestroy
    void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }
}

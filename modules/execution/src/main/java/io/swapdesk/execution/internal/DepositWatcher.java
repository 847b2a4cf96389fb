package io.swapdesk.execution.internal;

import io.swapdesk.chains.Chains;
import io.swapdesk.chains.DepositLog;
import io.swapdesk.chains.EscrowLogs;
import io.swapdesk.platform.ChainId;
import io.swapdesk.platform.DomainException;
import io.swapdesk.platform.EvmAddress;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Shutdown;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Reads every escrow's {@code Deposited} events, one thread per chain with an escrow: from the block after the
 * checkpoint up to the newest block with enough confirmations, at most {@code max-blocks-per-read} at a time. The
 * deposits and the new checkpoint are recorded together ({@link DepositRecorder}), so a restart resumes exactly
 * where the last recorded range ended; a log seen twice is one row (unique chain, tx, log index).
 *
 * <p>Any number of servers may run it: the checkpoint only moves from the value a reader started with, so two
 * readers of one range record it once. The RPC read happens outside any transaction.
 */
@ApplicationScoped
class DepositWatcher {

    private static final Logger LOG = Logger.getLogger(DepositWatcher.class.getName());

    @Inject
    DepositProcessor processor;

    @Inject
    Chains chains;

    @Inject
    EscrowLogs escrowLogs;

    @Inject
    DepositRecorder recorder;

    @Inject
    FundingSettings settings;

    @Inject
    MetricRegistry metrics;

    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running;

    void start(@Observes Startup startup) {
        running = true;
        for (ChainId chain : chains.configured()) {
            chains.escrow(chain).ifPresent(escrow -> threads.add(Thread.ofPlatform().name("deposit-watcher-" + chain)
                    .daemon().start(() -> watch(chain, escrow))));
        }
        LOG.info(() -> "watching deposits on " + threads.size() + " chain(s), " + settings.confirmations()
                + " confirmation(s)");
    }

    /** Stops before the persistence unit closes under the threads ({@code @PreDestroy} may come after it). */
    void stopOnShutdown(@Observes Shutdown shutdown) {
        stop();
    }

    @PreDestroy
    void stop() {
        running = false;
        threads.forEach(Thread::interrupt);
    }

    private void watch(ChainId chain, EvmAddress escrow) {
        while (running) {
            try {
                if (!readOnce(chain, escrow)) {
                    Thread.sleep(settings.pollInterval());
                }
            } catch (InterruptedException e) {
                return;
            } catch (DomainException e) {
                // The chain is unavailable: readiness reports it; the next poll tries again from the checkpoint.
                LOG.log(Level.FINE, "reading deposits on chain " + chain + " failed: " + e.detail());
                pause();
            } catch (Exception e) {
                LOG.log(Level.WARNING, "recording deposits on chain " + chain + " failed; retrying from the checkpoint", e);
                pause();
            }
        }
    }

    /** Reads and records the next range; true when there may be more right away. */
    boolean readOnce(ChainId chain, EvmAddress escrow) throws Exception {
        long last = recorder.checkpoint(chain).orElse(settings.startBlock() - 1);
        long confirmed = settings.confirmedUpTo(chains.head(chain).blockNumber());
        if (confirmed <= last) {
            return false;
        }
        long to = Math.min(confirmed, last + settings.maxBlocksPerRead());
        List<DepositLog> deposits = escrowLogs.deposits(chain, escrow, last + 1, to);
        int added = recorder.record(chain, last, to, deposits);
        if (added > 0) {
            processor.depositsRecorded();
            metrics.counter("swapdesk.execution.deposits.recorded", new Tag("chain", String.valueOf(chain.value())))
                    .inc(added);
            LOG.info(() -> added + " deposit(s) recorded on chain " + chain + " up to block " + to);
        }
        return to < confirmed;
    }

    private void pause() {
        try {
            Thread.sleep(settings.pollInterval().multipliedBy(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

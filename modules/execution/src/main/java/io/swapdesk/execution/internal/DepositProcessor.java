package io.swapdesk.execution.internal;

import io.swapdesk.chains.Chains;
import io.swapdesk.platform.DomainException;
import io.swapdesk.quotes.QuotePayout;
import io.swapdesk.quotes.Quotes;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Shutdown;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Handles recorded deposits, oldest first, on every server (each deposit is locked with SKIP LOCKED, so servers share
 * the work), in batches: reads the destination treasury's balance (a chain call, before any transaction, once per
 * batch and treasury), then commits or routes each deposit to refund ({@link DepositCommits}). A deposit naming no quote of ours, or a quote that does not exist, is routed to
 * refund as {@code UNKNOWN_QUOTE}.
 */
@ApplicationScoped
class DepositProcessor {

    static final String UNKNOWN_QUOTE = "UNKNOWN_QUOTE";

    private static final Logger LOG = Logger.getLogger(DepositProcessor.class.getName());
    private static final int BATCH = 20;

    @Inject
    DepositCommits commits;

    @Inject
    Quotes quotes;

    @Inject
    Chains chains;

    @Inject
    FundingSettings settings;

    @Inject
    DeliveryThreads deliveryThreads;

    private final Wakeup recorded = new Wakeup();
    private volatile boolean running;
    private final List<Thread> threads = new ArrayList<>();

    /**
     * One thread per share of the deposits ({@code execution.funding.processors}): a deposit's share follows from its
     * id, so the threads of one server never wait on each other's locks; the threads of other servers may take the
     * same share, and SKIP LOCKED keeps them apart.
     */
    void start(@Observes Startup startup) {
        running = true;
        int shares = settings.processors();
        for (int share = 0; share < shares; share++) {
            int mine = share;
            threads.add(Thread.ofPlatform().name("deposit-processor-" + share).daemon()
                    .start(() -> loop(new DepositCommits.Share(mine, shares))));
        }
    }

    /** Stops the threads before the persistence unit closes under them ({@code @PreDestroy} may come after it). */
    void stopOnShutdown(@Observes Shutdown shutdown) {
        stop();
    }

    @PreDestroy
    void stop() {
        running = false;
        threads.forEach(Thread::interrupt);
    }

    /** The deposit watcher of this server recorded deposits: the processors look now, not at their next poll. */
    void depositsRecorded() {
        recorded.wake();
    }

    private void loop(DepositCommits.Share share) {
        while (running) {
            try {
                long seen = recorded.seen();
                List<PendingDeposit> pending = commits.pending(BATCH, share);
                handle(pending);
                if (pending.size() < BATCH) {
                    recorded.await(seen, settings.pollInterval());
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                // Typically the schema not migrated yet at startup, or the database away: try again shortly.
                LOG.log(Level.FINE, "handling deposits failed; retrying", e);
                pause();
            }
        }
    }

    /**
     * Handles a batch: the payouts of its quotes in one read, and each destination treasury's balance read once and
     * reused while younger than {@code execution.funding.balance-max-age-ms}, instead of a chain call per deposit.
     */
    void handle(List<PendingDeposit> batch) {
        if (batch.isEmpty()) {
            return;
        }
        Map<UUID, QuotePayout> payouts = quotes.payouts(batch.stream().flatMap(d -> d.quoteId().stream()).toList());
        TreasuryBalances balances = new TreasuryBalances();
        for (PendingDeposit deposit : batch) {
            handle(deposit, deposit.quoteId().map(payouts::get), balances);
        }
    }

    private void handle(PendingDeposit deposit, Optional<QuotePayout> payout, TreasuryBalances balances) {
        if (payout.isEmpty()) {
            commits.routeToRefund(deposit, UNKNOWN_QUOTE);
            return;
        }
        BigInteger treasury;
        try {
            treasury = balances.of(payout.get());
        } catch (DomainException chainUnavailable) {
            // Without the balance the commit cannot be judged: leave the deposit for the next round.
            LOG.log(Level.FINE, "treasury balance unavailable: " + chainUnavailable.detail());
            return;
        }
        try {
            if (commits.commit(deposit, deposit.quoteId().orElseThrow(), treasury)) {
                deliveryThreads.deliveriesScheduled();
                LOG.info(() -> "deposit " + deposit.txHash() + " committed quote " + deposit.quoteId().orElseThrow());
            }
        } catch (DomainException refused) {
            commits.routeToRefund(deposit, refused.code().code());
            LOG.info(() -> "deposit " + deposit.txHash() + " routed to refund: " + refused.code().code());
        }
    }

    /**
     * The treasury balances of one batch. Reusing a balance is safe while it is younger than the time between a
     * fill's block and the release of its reservation (at {@code execution.confirmations}): a fill mined after the
     * read still holds its reservation when a later commit in the batch subtracts the reserved sum, so the balance
     * less the reservations never overstates what is free.
     */
    private final class TreasuryBalances {

        private final Map<QuotePayout, BigInteger> balances = new HashMap<>();
        private final Map<QuotePayout, Long> readAt = new HashMap<>();

        BigInteger of(QuotePayout payout) {
            long now = System.nanoTime();
            Long read = readAt.get(payout);
            if (read == null || now - read >= settings.balanceMaxAge().toNanos()) {
                balances.put(payout, chains.escrow(payout.chain())
                        .map(escrow -> chains.tokenBalance(payout.chain(), payout.token(), escrow))
                        .orElse(BigInteger.ZERO));
                readAt.put(payout, now);
            }
            return balances.get(payout);
        }
    }

    private void pause() {
        try {
            Thread.sleep(settings.pollInterval().multipliedBy(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

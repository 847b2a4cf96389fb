package io.swapdesk.execution.internal;

import io.swapdesk.chains.Broadcast;
import io.swapdesk.chains.Chains;
import io.swapdesk.chains.EscrowFill;
import io.swapdesk.chains.Escrows;
import io.swapdesk.chains.Fees;
import io.swapdesk.chains.Receipt;
import io.swapdesk.chains.SignerPool;
import io.swapdesk.chains.Transactions;
import io.swapdesk.execution.DeliveryReason;
import io.swapdesk.platform.ChainId;
import io.swapdesk.platform.DomainException;
import io.swapdesk.platform.EvmAddress;
import io.swapdesk.platform.QuoteRef;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The steps of delivery that talk to chains, between the ledger's transactions: claim and broadcast new work, and
 * resolve deliveries in flight from the chain. Every step can be repeated by any server at any time: broadcasts send
 * stored bytes, and every ledger change is conditional on the state it expects.
 *
 * <p>The resolution of one in-flight delivery, in order (docs/decisions/0011): a receipt of any of its attempts at
 * the configured depth settles it (success → COMPLETED; revert → the escrow's {@code filled} decides between a
 * completion found by reconciliation and NEEDS_ATTENTION). Without a receipt, {@code filled(quoteRef)} true means
 * another of its transactions filled it (COMPLETED from the escrow's log, signer cooled down). Otherwise the newest
 * stored attempt is broadcast again when it never was, or had no receipt for {@code execution.rebroadcast-after-ms}.
 * Only when a node says its nonce is taken while it has no receipt and the quote is not filled — it can never be
 * included — is the delivery queued again for a new signature.
 */
@ApplicationScoped
public class DeliveryEngine {

    private static final Logger LOG = Logger.getLogger(DeliveryEngine.class.getName());
    private static final int CHECK_BATCH = 10;

    @Inject
    DeliveryLedger ledger;

    @Inject
    Transactions transactions;

    @Inject
    Escrows escrows;

    @Inject
    Chains chains;

    @Inject
    SignerPool signers;

    @Inject
    ExecutionSettings settings;

    @Inject
    Clock clock;

    @Inject
    MetricRegistry metrics;

    /** Claims, signs, stores and broadcasts at most one queued delivery per chain; whether any was claimed. */
    public boolean submitQueued() {
        boolean any = false;
        for (ChainId chain : signers.chainsWithSigners()) {
            try {
                if (!ledger.hasQueued(chain)) {
                    continue;
                }
                Fees fees = transactions.suggestedFees(chain);
                long head = chains.head(chain).blockNumber();
                Optional<DeliveryLedger.Prepared> prepared = ledger.claim(chain, fees, head);
                if (prepared.isPresent()) {
                    any = true;
                    broadcastFirst(prepared.get());
                }
            } catch (DomainException e) {
                LOG.log(Level.FINE, e, () -> "delivery on chain " + chain + " waits: " + e.getMessage());
            }
        }
        return any;
    }

    /** The first broadcast of a stored attempt; any other answer is left to the next check, which owns the cases. */
    void broadcastFirst(DeliveryLedger.Prepared prepared) {
        Broadcast answer = transactions.broadcast(prepared.chain(), prepared.raw());
        count("broadcast", prepared.chain(), answer.status().name());
        if (answer.reachedTheNode()) {
            ledger.broadcastAccepted(prepared.quoteId(), prepared.attemptId(), answer.detail(), false);
        } else {
            ledger.checkAgainIn(prepared.quoteId(), Duration.ZERO);
        }
    }

    /** Checks the in-flight deliveries that are due; how many were checked. */
    public int checkDue() {
        List<InFlight> due = ledger.leaseDue(CHECK_BATCH);
        for (InFlight delivery : due) {
            resolveQuietly(delivery);
        }
        return due.size();
    }

    /**
     * The startup reconciliation: every delivery in flight now is resolved from the chain once, whatever its next
     * check time; one held by another server's check right now is left to it. How many were looked at.
     */
    public int reconcileAll() {
        int looked = 0;
        for (UUID quoteId : ledger.inFlight()) {
            Optional<InFlight> leased = ledger.lease(quoteId);
            if (leased.isPresent()) {
                looked++;
                resolveQuietly(leased.get());
            }
        }
        return looked;
    }

    private void resolveQuietly(InFlight delivery) {
        try {
            if (resolve(delivery)) {
                ledger.checkAgainIn(delivery.quoteId(), settings.poll());
            }
        } catch (DomainException e) {
            // The chain did not answer: the lease runs out and the next check tries again. Nothing was decided.
            LOG.log(Level.FINE, e, () -> "delivery " + delivery.quoteId() + " unresolved for now: " + e.getMessage());
        }
    }

    /** One resolution step; whether the delivery is still in flight afterwards. */
    boolean resolve(InFlight delivery) {
        ChainId chain = delivery.chain();
        EvmAddress escrow = chains.escrow(chain).orElseThrow(() -> new IllegalStateException(
                "delivery " + delivery.quoteId() + " is in flight on chain " + chain + ", which has no escrow configured"));
        QuoteRef quote = new QuoteRef(delivery.quoteId());
        Optional<Receipt> mined = Optional.empty();
        for (InFlight.Attempt attempt : delivery.live()) {
            mined = transactions.receipt(chain, attempt.txHash());
            if (mined.isPresent()) {
                break;
            }
        }
        if (mined.isPresent()) {
            Receipt receipt = mined.get();
            if (receipt.confirmationsAt(chains.head(chain).blockNumber()) < settings.confirmations()) {
                if (delivery.status() == io.swapdesk.execution.DeliveryStatus.SUBMITTING) {
                    delivery.current().ifPresent(attempt -> ledger.broadcastAccepted(delivery.quoteId(), attempt.id(),
                            "mined", false));
                }
                return true;
            }
            if (receipt.succeeded()) {
                ledger.complete(delivery.quoteId(), receipt.txHash(), receipt.blockNumber(), receipt.blockHash(),
                        delivery.amount(), true, Optional.empty());
                count("completed", chain, "receipt");
                return false;
            }
            // Reverted. The escrow's own record is the final word: filled by one of our other transactions, or not.
            if (escrows.filled(chain, escrow, quote)) {
                return !completeFromLog(delivery, escrow, true);
            }
            ledger.needsAttention(delivery.quoteId(), DeliveryReason.FILL_REVERTED);
            count("needs_attention", chain, DeliveryReason.FILL_REVERTED.name());
            LOG.warning(() -> "delivery " + delivery.quoteId() + ": fill " + receipt.txHash() + " reverted and the quote"
                    + " is not filled; it needs attention");
            return false;
        }
        if (escrows.filled(chain, escrow, quote)) {
            // Filled, but by no transaction whose receipt we read: an attempt of ours may still be pending somewhere.
            return !completeFromLog(delivery, escrow, false);
        }
        Optional<InFlight.Attempt> current = delivery.current();
        if (current.isEmpty()) {
            throw new IllegalStateException("delivery " + delivery.quoteId() + " is in flight without a live attempt");
        }
        InFlight.Attempt attempt = current.get();
        boolean due = attempt.lastBroadcastAt().isEmpty()
                || attempt.lastBroadcastAt().get().plus(settings.rebroadcastAfter()).isBefore(clock.instant());
        if (!due) {
            return true;
        }
        Broadcast answer = transactions.broadcast(chain, attempt.raw());
        count("broadcast", chain, answer.status().name());
        switch (answer.status()) {
            case ACCEPTED, ALREADY_KNOWN -> ledger.broadcastAccepted(delivery.quoteId(), attempt.id(), answer.detail(),
                    attempt.broadcasts() > 0);
            case REJECTED -> {
                ledger.broadcastRefused(delivery.quoteId(), attempt.id(), answer.detail());
                LOG.warning(() -> "delivery " + delivery.quoteId() + ": the node refused " + attempt.txHash() + ": "
                        + answer.detail());
            }
            case NONCE_USED -> {
                // Mined since the receipt check (the next check completes it), filled by another transaction, or
                // never to be included: only the last case, proven by both reads, gets a new signature.
                if (transactions.receipt(chain, attempt.txHash()).isPresent()) {
                    return true;
                }
                if (escrows.filled(chain, escrow, quote)) {
                    return !completeFromLog(delivery, escrow, false);
                }
                ledger.requeue(delivery.quoteId(), attempt.id());
                count("requeued", chain, "nonce_used");
                LOG.warning(() -> "delivery " + delivery.quoteId() + ": nonce " + attempt.nonce() + " of "
                        + attempt.signer() + " was taken by another transaction; queued for a new signature");
                return false;
            }
        }
        return true;
    }

    private boolean completeFromLog(InFlight delivery, EvmAddress escrow, boolean ownReceipt) {
        Optional<EscrowFill> fill = escrows.findFill(delivery.chain(), escrow, new QuoteRef(delivery.quoteId()),
                delivery.fromBlock());
        if (fill.isEmpty()) {
            LOG.warning(() -> "delivery " + delivery.quoteId() + ": the escrow says filled but its log is not found yet");
            return false;
        }
        if (fill.get().blockNumber() + settings.confirmations() - 1 > chains.head(delivery.chain()).blockNumber()) {
            return false;
        }
        boolean ours = delivery.live().stream().anyMatch(attempt -> attempt.txHash().equals(fill.get().txHash()));
        ledger.complete(delivery.quoteId(), fill.get().txHash(), fill.get().blockNumber(), blockHashOf(delivery, fill.get()),
                fill.get().amount(), ownReceipt, ours ? Optional.empty()
                        : Optional.of(DeliveryReason.FILLED_BY_EARLIER_TRANSACTION));
        count("completed", delivery.chain(), "reconciled");
        return true;
    }

    private String blockHashOf(InFlight delivery, EscrowFill fill) {
        return transactions.receipt(delivery.chain(), fill.txHash()).map(Receipt::blockHash)
                .orElseThrow(() -> new DomainException(io.swapdesk.chains.ChainsError.CHAIN_UNAVAILABLE,
                        "no receipt for the fill " + fill.txHash() + " the escrow logged"));
    }

    /** Signer housekeeping for every chain with signers here: registration, and the end of cooldowns. */
    public void maintainSigners() {
        for (ChainId chain : signers.chainsWithSigners()) {
            try {
                signers.maintain(chain, settings.cooldown());
            } catch (DomainException e) {
                LOG.log(Level.FINE, e, () -> "signers of chain " + chain + " not maintained now: " + e.getMessage());
            }
        }
    }

    private void count(String what, ChainId chain, String outcome) {
        metrics.counter("execution.deliveries." + what, new Tag("chain", chain.toString()),
                new Tag("outcome", outcome)).inc();
    }
}

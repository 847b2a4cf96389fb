package io.swapdesk.quotes.internal;

import io.swapdesk.identity.UserId;
import io.swapdesk.platform.CallerTransaction;
import io.swapdesk.platform.DomainException;
import io.swapdesk.quotes.CommittedQuote;
import io.swapdesk.quotes.QuoteCommit;
import io.swapdesk.quotes.QuotePayout;
import io.swapdesk.quotes.QuoteStatus;
import io.swapdesk.quotes.Quotes;
import io.swapdesk.quotes.QuotesError;
import io.swapdesk.risk.Capacity;
import io.swapdesk.risk.CapacityRequest;
import io.swapdesk.risk.Liquidity;
import io.swapdesk.risk.Release;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;

import java.math.BigInteger;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The quote's transitions, each in the caller's transaction: load, let the quote judge, change conditionally,
 * reserve or release, append the event. The conditional update comes first in the commit, so that of concurrent
 * commits of one quote only the one that moved it from PENDING reserves anything; the others wait on the row lock
 * until the winner's transaction ends and then find the quote no longer PENDING.
 */
@ApplicationScoped
class JpaQuotes implements Quotes {

    private static final Pattern TX_HASH = Pattern.compile("0x[0-9a-fA-F]{64}");
    private static final Pattern REASON = Pattern.compile("[A-Z][A-Z0-9_]{0,63}");

    @Inject
    QuoteStore store;

    @Inject
    Capacity capacity;

    @Inject
    QuoteEvents events;

    @Inject
    Clock clock;

    @Resource
    TransactionSynchronizationRegistry transactions;

    /** In the caller's transaction, checked without an interceptor: its refusals are routine (CallerTransaction). */
    @Override
    public CommittedQuote commit(QuoteCommit payment) {
        CallerTransaction.require(transactions, "committing a quote");
        Quote quote = require(payment.quoteId());
        // EXPIRED too: the job expires by the clock, and a deposit made in time can be recorded after its grace (a
        // source chain that could not be read, a long queue); requirePaidBy refuses one made after expiresAt.
        if (quote.status() != QuoteStatus.PENDING && quote.status() != QuoteStatus.EXPIRED) {
            throw quote.notCommittable();
        }
        quote.requirePaidBy(payment);
        Instant now = clock.instant();
        if (!store.commit(quote.id(), payment.amount(), payment.payer(), payment.depositTxHash(), now)) {
            throw require(quote.id()).notCommittable();
        }
        Map<String, String> details = new LinkedHashMap<>();
        details.put("amountPaid", payment.amount().toString());
        details.put("depositTxHash", payment.depositTxHash());
        events.changed(quote, QuoteStatus.COMMITTED, details);
        // Last: the risk module takes the locks that every commit to the destination chain shares.
        capacity.reserve(new CapacityRequest(quote.id(), new UserId(quote.userId()), quote.to().chain(),
                quote.notionalUsdCents(), now, new Liquidity(quote.to().chain(), quote.to().token(),
                quote.amountOut(), payment.treasuryBalance())));
        return new CommittedQuote(quote.id(), new UserId(quote.userId()), quote.to().chain(), quote.to().token(),
                quote.to().decimals(), quote.recipient(), quote.amountOut(), quote.minAmountOut());
    }

    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public void markExecuting(UUID quoteId, String txHash) {
        move(quoteId, EnumSet.of(QuoteStatus.COMMITTED), QuoteStatus.EXECUTING, Optional.of(txHash(txHash)),
                Optional.empty(), Optional.empty(), Optional.empty());
    }

    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public void markCompleted(UUID quoteId, String txHash, long blockNumber, BigInteger amountDelivered) {
        if (blockNumber < 0 || amountDelivered == null || amountDelivered.signum() < 0) {
            throw new IllegalArgumentException("a block number and a delivered amount are not negative");
        }
        Quote quote = require(quoteId);
        if (amountDelivered.compareTo(quote.minAmountOut()) < 0) {
            throw new DomainException(QuotesError.INVALID_TRANSITION, "quote " + quoteId + ": " + amountDelivered
                    + " base units delivered is below its minAmountOut " + quote.minAmountOut(),
                    Map.of("quoteId", quoteId.toString()));
        }
        move(quote, EnumSet.of(QuoteStatus.COMMITTED, QuoteStatus.EXECUTING), QuoteStatus.COMPLETED,
                Optional.of(txHash(txHash)), Optional.of(blockNumber), Optional.of(amountDelivered), Optional.empty());
        capacity.release(quoteId, Release.DELIVERED);
    }

    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public void markRefunding(UUID quoteId, String reason) {
        move(require(quoteId), EnumSet.of(QuoteStatus.PENDING, QuoteStatus.EXPIRED, QuoteStatus.COMMITTED,
                QuoteStatus.EXECUTING), QuoteStatus.REFUNDING, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of(reason(reason)));
        capacity.release(quoteId, Release.REFUNDED);
    }

    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public void markRefunded(UUID quoteId, String txHash) {
        move(quoteId, EnumSet.of(QuoteStatus.REFUNDING), QuoteStatus.REFUNDED, Optional.of(txHash(txHash)),
                Optional.empty(), Optional.empty(), Optional.empty());
    }

    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public void markManualReview(UUID quoteId, String reason) {
        move(quoteId, EnumSet.of(QuoteStatus.COMMITTED, QuoteStatus.EXECUTING, QuoteStatus.REFUNDING),
                QuoteStatus.MANUAL_REVIEW, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of(reason(reason)));
    }

    @Override
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<QuotePayout> payout(UUID quoteId) {
        return store.find(quoteId).map(quote -> new QuotePayout(quote.to().chain(), quote.to().token()));
    }

    @Override
    @Transactional(Transactional.TxType.SUPPORTS)
    public Map<UUID, QuotePayout> payouts(Collection<UUID> quoteIds) {
        return quoteIds.isEmpty() ? Map.of() : store.payouts(quoteIds);
    }

    @Override
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<QuoteStatus> status(UUID quoteId) {
        return store.find(quoteId).map(Quote::status);
    }

    private void move(UUID quoteId, Set<QuoteStatus> from, QuoteStatus to, Optional<String> txHash,
                      Optional<Long> block, Optional<BigInteger> delivered, Optional<String> reason) {
        move(require(quoteId), from, to, txHash, block, delivered, reason);
    }

    private void move(Quote quote, Set<QuoteStatus> from, QuoteStatus to, Optional<String> txHash,
                      Optional<Long> block, Optional<BigInteger> delivered, Optional<String> reason) {
        if (!store.transition(quote.id(), from, to, txHash, block, delivered, reason, clock.instant())) {
            QuoteStatus now = require(quote.id()).status();
            throw new DomainException(QuotesError.INVALID_TRANSITION, "quote " + quote.id() + " is " + now
                    + "; it can become " + to + " only from " + from, Map.of("quoteId", quote.id().toString()));
        }
        Map<String, String> details = new LinkedHashMap<>();
        txHash.ifPresent(hash -> details.put("txHash", hash));
        block.ifPresent(number -> details.put("blockNumber", number.toString()));
        delivered.ifPresent(amount -> details.put("amountDelivered", amount.toString()));
        reason.ifPresent(code -> details.put("reason", code));
        events.changed(quote, to, details);
    }

    private Quote require(UUID quoteId) {
        return store.find(quoteId).orElseThrow(() -> new DomainException(QuotesError.QUOTE_NOT_FOUND,
                "no quote " + quoteId, Map.of("quoteId", quoteId.toString())));
    }

    private static String txHash(String hash) {
        if (hash == null || !TX_HASH.matcher(hash).matches()) {
            throw new IllegalArgumentException("a transaction hash is 0x + 64 hex digits");
        }
        return hash;
    }

    private static String reason(String reason) {
        if (reason == null || !REASON.matcher(reason).matches()) {
            throw new IllegalArgumentException("a reason is a code such as UNDERPAID: A-Z, 0-9 and _, at most 64");
        }
        return reason;
    }
}

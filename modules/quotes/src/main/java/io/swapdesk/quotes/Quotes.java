package io.swapdesk.quotes;

import io.swapdesk.platform.DomainException;
import io.swapdesk.risk.Release;

import java.math.BigInteger;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * A quote's transitions after it was made, for the modules that fund and deliver it. Every method joins the caller's
 * JTA transaction (there must be one), changes the quote only by a conditional update from the states it names, and
 * appends the change's outbox event for the quote's user in that same transaction; a refusal throws a
 * {@link DomainException} and marks the transaction for rollback.
 */
public interface Quotes {

    /**
     * Commits a paid quote: PENDING → COMMITTED if the payment pays for it (right chain and token, made before
     * expiry, at least {@code amountIn}); EXPIRED → COMMITTED as well for such a payment, which the expiry job did not
     * see in time, then reserves risk capacity and treasury liquidity for it, and appends
     * {@code quote.committed}. Of concurrent commits of one quote exactly one succeeds.
     *
     * @throws DomainException a refusal with its reason: {@link QuotesError#QUOTE_NOT_FOUND},
     *                         {@link QuotesError#QUOTE_EXPIRED}, {@link QuotesError#WRONG_ASSET},
     *                         {@link QuotesError#UNDERPAID}, {@link QuotesError#ALREADY_COMMITTED},
     *                         {@code LIMIT_EXCEEDED} or {@code TREASURY_LOW} (risk); the caller's rollback leaves
     *                         nothing behind, and the paid quote goes to refund ({@link #markRefunding})
     */
    CommittedQuote commit(QuoteCommit payment);

    /** COMMITTED → EXECUTING: the delivery transaction {@code txHash} is out. */
    void markExecuting(UUID quoteId, String txHash);

    /**
     * COMMITTED or EXECUTING → COMPLETED, with the delivery's transaction, block and amount; the treasury reservation
     * is released ({@link Release#DELIVERED}).
     *
     * @throws DomainException {@link QuotesError#INVALID_TRANSITION} also when {@code amountDelivered} is below the
     *                         quote's {@code minAmountOut}
     */
    void markCompleted(UUID quoteId, String txHash, long blockNumber, BigInteger amountDelivered);

    /**
     * PENDING, EXPIRED, COMMITTED or EXECUTING → REFUNDING for {@code reason} (a code such as {@code UNDERPAID});
     * reservations are released ({@link Release#REFUNDED}).
     */
    void markRefunding(UUID quoteId, String reason);

    /** REFUNDING → REFUNDED: the refund transaction {@code txHash} went through. */
    void markRefunded(UUID quoteId, String txHash);

    /** COMMITTED, EXECUTING or REFUNDING → MANUAL_REVIEW for {@code reason}: an operator decides. */
    void markManualReview(UUID quoteId, String reason);

    /** The quote's status, when it exists. */
    Optional<QuoteStatus> status(UUID quoteId);

    /** The destination chain and token of a quote, when it exists; needs no transaction. */
    Optional<QuotePayout> payout(UUID quoteId);

    /** {@link #payout} of many quotes in one read; a quote that does not exist has no entry. */
    Map<UUID, QuotePayout> payouts(Collection<UUID> quoteIds);
}

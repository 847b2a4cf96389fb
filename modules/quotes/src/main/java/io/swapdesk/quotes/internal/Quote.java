package io.swapdesk.quotes.internal;

import io.swapdesk.platform.DomainException;
import io.swapdesk.platform.EvmAddress;
import io.swapdesk.quotes.QuoteCommit;
import io.swapdesk.quotes.QuoteStatus;
import io.swapdesk.quotes.QuotesError;

import java.math.BigInteger;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A quote as stored: what was promised (immutable once made) and where it is now. The rules of paying for it live
 * here; the store changes its status only conditionally.
 *
 * @param priceJson the price snapshot with its provenance, a JSON object, shown as is
 */
record Quote(UUID id, UUID userId, QuoteStatus status, QuotedAsset from, QuotedAsset to, EvmAddress recipient,
             BigInteger amountIn, BigInteger amountOut, BigInteger minAmountOut, BigInteger fee,
             BigInteger notionalUsdCents, String priceJson, EvmAddress escrow, Instant createdAt, Instant expiresAt,
             Execution execution) {

    Quote {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(execution, "execution");
        if (minAmountOut.compareTo(amountOut) > 0 || amountOut.signum() <= 0) {
            throw new IllegalArgumentException("a quote pays out a positive amountOut at least minAmountOut");
        }
    }

    /**
     * What happened after the quote: the payment and the delivery or refund, as far as known.
     *
     * @param reason the code a refusal, refund or review was decided for (e.g. {@code QUOTE_EXPIRED})
     */
    record Execution(Optional<BigInteger> paidAmount, Optional<String> depositTxHash, Optional<String> txHash,
                     Optional<Long> blockNumber, Optional<BigInteger> amountDelivered, Optional<String> reason,
                     Optional<Instant> committedAt, Instant updatedAt) {

        static Execution none(Instant at) {
            return new Execution(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                    Optional.empty(), Optional.empty(), Optional.empty(), at);
        }
    }

    /**
     * Refuses a payment that does not pay for this quote: a deposit made after the quote expired, of another token or
     * chain, or smaller than {@code amountIn}. Overpayment is accepted (the excess is the payer's to claim).
     */
    void requirePaidBy(QuoteCommit payment) {
        if (!payment.chain().equals(from.chain()) || !payment.token().equals(from.token())) {
            throw refused(QuotesError.WRONG_ASSET, "the deposit is token " + payment.token() + " on chain "
                    + payment.chain() + "; the quote asks for " + from.symbol() + " (" + from.token() + ") on chain "
                    + from.chain());
        }
        if (payment.depositedAt().isAfter(expiresAt)) {
            throw refused(QuotesError.QUOTE_EXPIRED, "the deposit was made at " + payment.depositedAt()
                    + ", after the quote expired at " + expiresAt);
        }
        if (payment.amount().compareTo(amountIn) < 0) {
            throw refused(QuotesError.UNDERPAID, "the deposit is " + payment.amount() + " base units of "
                    + from.symbol() + "; the quote needs " + amountIn);
        }
    }

    /** Why a quote that is not PENDING cannot be committed. */
    DomainException notCommittable() {
        return status == QuoteStatus.EXPIRED
                ? refused(QuotesError.QUOTE_EXPIRED, "the quote expired at " + expiresAt + " without a deposit")
                : refused(QuotesError.ALREADY_COMMITTED, "the quote is " + status + ": it was paid and committed "
                        + "already, so this deposit is not needed");
    }

    private DomainException refused(QuotesError code, String detail) {
        return new DomainException(code, "quote " + id + ": " + detail, Map.of("quoteId", id.toString()));
    }
}

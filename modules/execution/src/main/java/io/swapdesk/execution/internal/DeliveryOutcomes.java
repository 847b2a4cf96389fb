package io.swapdesk.execution.internal;

import io.swapdesk.execution.DeliveryCompleted;
import io.swapdesk.execution.DeliveryNeedsAttention;
import io.swapdesk.execution.DeliverySubmitted;
import io.swapdesk.quotes.QuoteStatus;
import io.swapdesk.quotes.Quotes;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.util.EnumSet;
import java.util.UUID;

/**
 * Carries delivery outcomes to the quote. Synchronous {@code @Observes}, inside the delivery ledger's transaction: the
 * quote's state and the delivery's change together. Each move is guarded by the quote's current state, so a repeated
 * event (a re-broadcast, a reconciliation) never fails the ledger's transaction.
 */
@ApplicationScoped
class DeliveryOutcomes {

    @Inject
    Quotes quotes;

    void on(@Observes DeliverySubmitted submitted) {
        if (in(submitted.quoteId(), EnumSet.of(QuoteStatus.COMMITTED))) {
            quotes.markExecuting(submitted.quoteId(), submitted.txHash());
        }
    }

    void on(@Observes DeliveryCompleted completed) {
        if (in(completed.quoteId(), EnumSet.of(QuoteStatus.COMMITTED, QuoteStatus.EXECUTING))) {
            quotes.markCompleted(completed.quoteId(), completed.txHash(), completed.blockNumber(),
                    completed.amountDelivered());
        }
    }

    void on(@Observes DeliveryNeedsAttention attention) {
        if (in(attention.quoteId(), EnumSet.of(QuoteStatus.COMMITTED, QuoteStatus.EXECUTING))) {
            quotes.markManualReview(attention.quoteId(), attention.reason());
        }
    }

    private boolean in(UUID quoteId, EnumSet<QuoteStatus> states) {
        return quotes.status(quoteId).filter(states::contains).isPresent();
    }
}

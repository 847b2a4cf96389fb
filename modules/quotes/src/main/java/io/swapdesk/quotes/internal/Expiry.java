package io.swapdesk.quotes.internal;

import io.swapdesk.quotes.QuoteStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.Map;

/** One batch of expiries: the status changes and their {@code quote.expired} events, in one transaction. */
@ApplicationScoped
class Expiry {

    @Inject
    QuoteStore store;

    @Inject
    QuoteEvents events;

    /**
     * @param cutoff quotes that expired before this (now less the grace) are expired
     * @return how many were expired
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    int expireDue(Instant cutoff, Instant now, int limit) {
        var expired = store.expireDue(cutoff, now, limit);
        expired.forEach(quote -> events.changed(quote, QuoteStatus.EXPIRED,
                Map.of("expiresAt", quote.expiresAt().toString())));
        return expired.size();
    }
}

package io.swapdesk.it;

import io.swapdesk.quotes.CommittedQuote;
import io.swapdesk.quotes.QuoteCommit;
import io.swapdesk.quotes.Quotes;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.math.BigInteger;
import java.util.UUID;

/**
 * In-container tests only: what the deposit processor and the delivery will do with the quotes API, each call in a
 * transaction of its own, as theirs will be.
 */
@ApplicationScoped
public class QuoteWork {

    @Inject
    Quotes quotes;

    @PersistenceContext(unitName = "swapdesk")
    EntityManager entityManager;

    @Transactional
    public CommittedQuote commit(QuoteCommit payment) {
        return quotes.commit(payment);
    }

    /** Commits, flushes everything to PostgreSQL, then fails: as a crash after the reservations would. */
    @Transactional
    public void commitThenFail(QuoteCommit payment) {
        quotes.commit(payment);
        entityManager.flush();
        throw new SimulatedCrash("after the commit's reservations of " + payment.quoteId());
    }

    @Transactional
    public void markExecuting(UUID quote, String txHash) {
        quotes.markExecuting(quote, txHash);
    }

    @Transactional
    public void markCompleted(UUID quote, String txHash, long block, BigInteger delivered) {
        quotes.markCompleted(quote, txHash, block, delivered);
    }

    @Transactional
    public void markRefunding(UUID quote, String reason) {
        quotes.markRefunding(quote, reason);
    }

    @Transactional
    public void markRefunded(UUID quote, String txHash) {
        quotes.markRefunded(quote, txHash);
    }

    /** Stands for any failure after the commit's writes and before the transaction commits. */
    public static class SimulatedCrash extends RuntimeException {
        public SimulatedCrash(String message) {
            super(message);
        }
    }
}

package io.swapdesk.platform;

import jakarta.transaction.TransactionRequiredException;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.TransactionalException;

/**
 * {@code @Transactional(MANDATORY)} without the interceptor, for a method whose refusals are expected
 * {@link DomainException}s: Liberty's transaction interceptor records every runtime exception that passes through it
 * as an FFDC incident, and a refused commit is routine, not an incident. The caller's transaction, which the refusal
 * still crosses, rolls back as before.
 */
public final class CallerTransaction {

    private CallerTransaction() {
    }

    /**
     * @throws TransactionalException when no JTA transaction is active on this thread, as MANDATORY would
     */
    public static void require(TransactionSynchronizationRegistry transactions, String operation) {
        if (transactions.getTransactionKey() == null) {
            throw new TransactionalException(operation + " runs in the caller's transaction, and there is none",
                    new TransactionRequiredException(operation));
        }
    }
}

package io.swapdesk.platform;

import jakarta.transaction.HeuristicMixedException;
import jakarta.transaction.HeuristicRollbackException;
import jakarta.transaction.NotSupportedException;
import jakarta.transaction.RollbackException;
import jakarta.transaction.Status;
import jakarta.transaction.SystemException;
import jakarta.transaction.UserTransaction;
import java.util.function.Supplier;

/**
 * A JTA transaction begun and ended by the caller through {@link UserTransaction}, for work that decides its own
 * transaction without {@code @Transactional}: a group of writes, or one whose refusals are routine and should not
 * become FFDC incidents (see {@link CallerTransaction}).
 */
public final class OwnTransaction {

    private OwnTransaction() {
    }

    /**
     * Runs {@code work} in a new transaction and commits it; anything {@code work} throws rolls it back and is thrown
     * as it was.
     *
     * @throws IllegalStateException when the transaction itself fails (begin, commit), naming {@code what}
     */
    public static <T> T run(UserTransaction transaction, Supplier<String> what, Supplier<T> work) {
        try {
            transaction.begin();
            try {
                T result = work.get();
                transaction.commit();
                return result;
            } finally {
                if (transaction.getStatus() != Status.STATUS_NO_TRANSACTION) {
                    transaction.rollback();
                }
            }
        } catch (SystemException | NotSupportedException | RollbackException | HeuristicMixedException
                 | HeuristicRollbackException e) {
            throw new IllegalStateException(what.get() + " failed", e);
        }
    }
}

package io.swapdesk.quotes;

import java.util.Arrays;
import java.util.Optional;

/**
 * Where a quote is in its life (DESIGN §2). Changes happen only by conditional updates from the states named here:
 *
 * <pre>
 * PENDING ──► COMMITTED ──► EXECUTING ──► COMPLETED
 *    │            ▲ │             │
 *    │            │ └─────────────┴──► REFUNDING ──► REFUNDED
 *    ├──► EXPIRED ┴──► REFUNDING         │
 *    └──► REFUNDING (a paid deposit whose commit was refused)
 *                     COMMITTED, EXECUTING, REFUNDING ──► MANUAL_REVIEW
 * </pre>
 *
 * EXPIRED ──► COMMITTED: a deposit made before {@code expiresAt} that was recorded only after the expiry job's grace.
 */
public enum QuoteStatus {
    /** Quoted, waiting for the deposit. */
    PENDING,
    /** Paid and committed: risk capacity and treasury liquidity are reserved; delivery is due. */
    COMMITTED,
    /** The delivery transaction is out; its outcome is pending. */
    EXECUTING,
    /** Delivered on the destination chain. Final. */
    COMPLETED,
    /**
     * Its lifetime passed without a deposit recorded. Final unless a deposit arrives: one made in time still commits,
     * a late one is refunded.
     */
    EXPIRED,
    /** Paid, but the swap will not happen: the deposit goes back. */
    REFUNDING,
    /** The deposit went back. Final. */
    REFUNDED,
    /** Neither delivery nor refund could be settled automatically: an operator decides. */
    MANUAL_REVIEW;

    /** The status named by {@code text} exactly as the API writes it (e.g. {@code PENDING}). */
    public static Optional<QuoteStatus> parse(String text) {
        return Arrays.stream(values()).filter(status -> status.name().equals(text)).findFirst();
    }
}

package io.swapdesk.execution;

/** Where a delivery stands; see {@code db/migration/V9__execution_deliveries.sql} and docs/decisions/0011. */
public enum DeliveryStatus {
    /** Waiting for a worker and a free signer. */
    QUEUED,
    /** Signed and stored; no node has acknowledged it yet. */
    SUBMITTING,
    /** A node holds the transaction ({@code txHash}); waiting for its receipt and confirmations. */
    SUBMITTED,
    /**
     * No receipt in time: the same transaction is sent again and its fate is being resolved from the chain. Not a
     * failure, and never retried with a new transaction while the fate is unknown.
     */
    UNCONFIRMED,
    /** Delivered: {@code txHash}, {@code blockNumber} and {@code amountDelivered} say where and how much. */
    COMPLETED,
    /** The fill reverted and the quote is not filled; {@code reason} says why. An operator decides what follows. */
    NEEDS_ATTENTION;

    /** A transaction may be out there whose fate is not final. */
    public boolean inFlight() {
        return this == SUBMITTING || this == SUBMITTED || this == UNCONFIRMED;
    }
}

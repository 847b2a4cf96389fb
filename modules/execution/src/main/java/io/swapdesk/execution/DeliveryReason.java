package io.swapdesk.execution;

/** The reasons a delivery carries (docs/api/errors.md); stable: added, never renamed. */
public enum DeliveryReason {
    /** No receipt yet after the re-broadcast timeout: the same transaction is being sent again. */
    NO_RECEIPT_YET,
    /** The node refused the stored transaction (e.g. the signer cannot pay for gas); it is offered again. */
    BROADCAST_REFUSED,
    /** The fill transaction reverted and the escrow has not filled the quote (e.g. the treasury lacks the token). */
    FILL_REVERTED,
    /** The destination chain has no escrow configured ({@code chains.escrows}). */
    NO_ESCROW,
    /** The quote was filled by a transaction other than the last one signed; found from the escrow's log. */
    FILLED_BY_EARLIER_TRANSACTION
}

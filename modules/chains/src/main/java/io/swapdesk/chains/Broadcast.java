package io.swapdesk.chains;

import java.util.Objects;

/**
 * What a node said to a signed transaction ({@code eth_sendRawTransaction}). A node that did not answer is not an
 * outcome: {@link Transactions#broadcast} throws {@code CHAIN_UNAVAILABLE}, and the transaction may or may not have
 * reached it.
 *
 * @param status what happened
 * @param detail the node's words, shortened; empty when accepted
 */
public record Broadcast(Status status, String detail) {

    public enum Status {
        /** The node took it into its pool. */
        ACCEPTED,
        /** The node already has exactly this transaction (pending): a re-broadcast, harmless. */
        ALREADY_KNOWN,
        /**
         * The sender's nonce is already used: by this very transaction, mined (look for its receipt), or by another
         * transaction of the same sender, in which case this one can never be included.
         */
        NONCE_USED,
        /** Refused for another reason (fee too low, balance too small for gas, …); the detail says which. */
        REJECTED
    }

    public Broadcast {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(detail, "detail");
    }

    /** The node holds the transaction, in its pool or already in a block (then {@link Status#NONCE_USED}). */
    public boolean reachedTheNode() {
        return status == Status.ACCEPTED || status == Status.ALREADY_KNOWN;
    }
}

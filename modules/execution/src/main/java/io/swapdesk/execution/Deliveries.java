package io.swapdesk.execution;

import java.util.Optional;
import java.util.UUID;

/** Delivery of the other asset of a swap, from SwapDesk's escrow on the destination chain, exactly once. */
public interface Deliveries {

    /**
     * Queues the delivery of a committed quote. Joins the caller's JTA transaction, which must exist (MANDATORY): the
     * intent commits with the quote's commit, or not at all. Idempotent per quote id: the same order again changes
     * nothing.
     *
     * @throws IllegalStateException when a different order was already scheduled for the same quote (a bug)
     */
    void schedule(DeliveryOrder order);

    /** The delivery of a quote; empty when none was scheduled. */
    Optional<DeliveryView> find(UUID quoteId);
}

/**
 * The execution module's published surface: {@link io.swapdesk.execution.Deliveries} (schedule a delivery inside the
 * commit transaction, read its state), its records ({@link io.swapdesk.execution.DeliveryOrder},
 * {@link io.swapdesk.execution.DeliveryView}) and the events it fires inside the transactions that change a
 * delivery ({@link io.swapdesk.execution.DeliverySubmitted}, {@link io.swapdesk.execution.DeliveryCompleted},
 * {@link io.swapdesk.execution.DeliveryNeedsAttention}).
 *
 * <p>The module does funding (deposits seen on chain, pulls), delivery of the other asset from the treasury exactly
 * once (signed transactions stored before broadcast), refunds and reconciliation after a crash. It owns the
 * {@code execution} schema. Nothing here mentions web3j or the module's tables; those live in
 * {@code io.swapdesk.execution.internal}.
 */
package io.swapdesk.execution;

/**
 * The execution module's implementation. Funding: the deposit watcher ({@link DepositWatcher}) and its records
 * ({@link DepositRecorder}). Delivery: its ledger ({@link DeliveryLedger}, every state change one JTA transaction with
 * its events and outbox rows), the chain-facing steps ({@link DeliveryEngine}), the threads that run them
 * ({@link DeliveryThreads}), {@link io.swapdesk.execution.Deliveries} over {@code execution.deliveries}, and the
 * {@code execution.*} settings. No other module imports this package; web3j never appears here (chains' API only).
 */
package io.swapdesk.execution.internal;

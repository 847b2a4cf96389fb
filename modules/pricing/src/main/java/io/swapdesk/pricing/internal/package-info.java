/**
 * The implementation of the pricing module: the typed {@code pricing.*} settings, the price sources
 * behind {@link io.swapdesk.pricing.internal.PriceSource} (Chainlink-interface feeds through the chains
 * module, Pyth Hermes over HTTP), each with its fault tolerance and metrics; the aggregation rules
 * ({@link io.swapdesk.pricing.internal.Aggregation}, docs/decisions/0008); the in-memory board that
 * serves {@link io.swapdesk.pricing.Prices} and fires {@link io.swapdesk.pricing.PriceUpdated}; the
 * refresh schedule; the labelled simulated market for local runs; and {@code GET /api/prices}.
 *
 * <p>No other module imports this package. No web3j here: chains publishes records for that. No
 * {@code double} near a price: {@link io.swapdesk.pricing.internal.PriceMath} holds the one rounding rule.
 */
package io.swapdesk.pricing.internal;

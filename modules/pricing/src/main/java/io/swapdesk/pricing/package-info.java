/**
 * The pricing module: prices from several sources (on-chain aggregators, Pyth, the labelled simulated market),
 * checked for staleness and confidence and aggregated per pair in memory, and the price ticks it stores. It owns the
 * {@code pricing} schema; other modules read the latest aggregate and observe {@code PriceUpdated} and
 * {@code PriceUnavailable} through this package.
 */
package io.swapdesk.pricing;

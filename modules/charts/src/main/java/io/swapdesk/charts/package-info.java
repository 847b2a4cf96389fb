/**
 * The charts module: OHLC bars (1m to 1d) built live from price ticks, persisted as they close, and served
 * as history. It owns the {@code charts} schema.
 */
package io.swapdesk.charts;

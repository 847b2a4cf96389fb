/**
 * The charts module: OHLC bars (1m to 1d, aligned to UTC) built live from the pricing module's ticks
 * ({@code PriceUpdated}), persisted as they close, and served as history ({@link io.swapdesk.charts.Charts},
 * {@code GET /api/charts/{pair}/bars}). It owns the {@code charts} schema. This package holds what other modules may
 * use: {@link io.swapdesk.charts.Charts}, {@link io.swapdesk.charts.Bar}, {@link io.swapdesk.charts.Interval} and the
 * error codes; the rest is in {@code internal}.
 */
package io.swapdesk.charts;

/**
 * How the charts module works: the bars being built in memory ({@code LiveBars}), the recorder that feeds them from
 * ticks and stores the bars that close, the {@code charts.bars} store (plain JDBC), and the bars REST resource. Not to
 * be imported by other modules; they use {@link io.swapdesk.charts.Charts}.
 */
package io.swapdesk.charts.internal;

/**
 * The risk module: limits and capacity counters that a commit reserves against ({@link io.swapdesk.risk.Capacity}),
 * treasury liquidity reservations, and the audit log of every risk decision and operator action. It owns the
 * {@code risk} schema; other modules reserve and release capacity through this package only. It does not depend on
 * the modules that reserve (quotes, execution).
 */
package io.swapdesk.risk;

/**
 * The risk module: limits, capacity counters and pauses that a commit must reserve against, and the audit log of
 * every risk decision and operator action. It owns the {@code risk} schema; other modules reserve and release
 * capacity through this package only.
 */
package io.swapdesk.risk;

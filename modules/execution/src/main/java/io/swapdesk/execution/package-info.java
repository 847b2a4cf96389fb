/**
 * The execution module: funding (deposits seen on chain, pulls), delivery of the other asset from the
 * treasury exactly once (signed transactions stored before broadcast), refunds and reconciliation after a crash.
 * It owns the {@code execution} schema.
 */
package io.swapdesk.execution;

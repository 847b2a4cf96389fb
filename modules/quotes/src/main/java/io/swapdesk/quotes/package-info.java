/**
 * The quotes module: quote creation (price snapshot, fee, minimum out, TTL), idempotency keys, commit and expiry.
 * It owns the {@code quotes} schema; other modules refer to a quote by its id only.
 */
package io.swapdesk.quotes;

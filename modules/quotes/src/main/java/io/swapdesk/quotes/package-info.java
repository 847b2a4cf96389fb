/**
 * The quotes module: quote creation (price snapshot, fee, minimum out, lifetime), idempotency keys, the commit of a
 * paid quote and the transitions of its state machine ({@link io.swapdesk.quotes.QuoteStatus}). It owns the
 * {@code quotes} schema; other modules refer to a quote by its id only and change it through {@link
 * io.swapdesk.quotes.Quotes}. It must not depend on the execution module, which depends on it.
 */
package io.swapdesk.quotes;

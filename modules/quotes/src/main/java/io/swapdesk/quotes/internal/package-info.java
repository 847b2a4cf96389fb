/**
 * The quotes module's internals: settings, the served assets, the quote arithmetic, SQL, REST resources and the
 * expiry job. Not to be imported by other modules.
 */
package io.swapdesk.quotes.internal;

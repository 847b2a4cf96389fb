/** Persistence and services behind the risk API. Not to be imported by other modules. */
package io.swapdesk.risk.internal;

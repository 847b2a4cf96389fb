/** The outbox store and the WebSocket endpoint. Not to be imported by other modules; they use the platform's Outbox. */
package io.swapdesk.notifications.internal;

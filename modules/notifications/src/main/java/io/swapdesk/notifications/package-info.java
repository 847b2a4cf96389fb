/**
 * The notifications module: the transactional outbox and everything that delivers its events after commit —
 * the {@code /ws} WebSocket endpoint (public market channels and the user's own account channel) and, later,
 * signed merchant webhooks with a dead-letter queue. It owns the {@code notifications} schema.
 */
package io.swapdesk.notifications;

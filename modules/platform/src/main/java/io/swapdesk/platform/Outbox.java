package io.swapdesk.platform;

import java.util.UUID;

/**
 * The transactional outbox: a module that changes state appends the event describing it in the same transaction,
 * and the notifications module delivers it after commit (WebSocket, webhooks, charts), at least once.
 * Nothing leaves the process before the state change has committed, and nothing committed is lost.
 */
public interface Outbox {

    /**
     * Appends an event inside the caller's JTA transaction; there must be one.
     *
     * @return the event id (UUIDv7), which consumers use to drop duplicates
     */
    UUID append(OutboxMessage message);
}

package io.swapdesk.notifications.internal;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One {@code /ws} connection as the market channels see it: its way out and the topics it is subscribed to. The
 * stripe fixes which fan-out thread serves it, so its updates are handed over in the order they happened.
 */
final class StreamConnection {

    private final long id;
    private final int stripe;
    private final Outbound outbound;
    private final Set<Topic> topics = ConcurrentHashMap.newKeySet();

    StreamConnection(long id, int stripe, Outbound outbound) {
        this.id = id;
        this.stripe = stripe;
        this.outbound = outbound;
    }

    long id() {
        return id;
    }

    int stripe() {
        return stripe;
    }

    Outbound outbound() {
        return outbound;
    }

    Set<Topic> topics() {
        return topics;
    }

    @Override
    public String toString() {
        return "connection " + id;
    }
}

package io.swapdesk.notifications.internal;

import io.swapdesk.platform.Jsonp;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;

import java.io.StringReader;
import java.time.Instant;
import java.util.UUID;

/**
 * One outbox event of one user, as the account channel sends it: {@code seq} is the event's {@code stream_seq}, the
 * order in which events were published ({@link OutboxDispatcher}), which only grows as clients see it, so a client
 * that remembers the last one it saw can resume from it.
 */
record AccountEvent(long seq, UUID userId, UUID eventId, String type, String payloadJson, Instant occurredAt) {

    /** {@code {"channel":"account","type":"quote.committed","seq":42,"id":"…","occurredAt":"…","data":{…}}} */
    String frame() {
        JsonObject data;
        try (JsonReader reader = Jsonp.createReader(new StringReader(payloadJson))) {
            data = reader.readObject();
        }
        return Jsonp.createObjectBuilder()
                .add("channel", StreamProtocol.ACCOUNT)
                .add("type", type)
                .add("seq", seq)
                .add("id", eventId.toString())
                .add("occurredAt", occurredAt.toString())
                .add("data", data)
                .build().toString();
    }
}

-- notifications: the order the account channel publishes events in. The outbox's seq is insertion order, and
-- transactions commit out of that order: a row with a lower seq could be dispatched after one with a higher seq, and a
-- client that had seen the higher one (live, or resuming with since) skipped it for good. stream_seq is handed out by
-- the dispatcher, one dispatch transaction at a time (an advisory lock), so it grows in the order events are published.
ALTER TABLE notifications.outbox ADD COLUMN stream_seq bigint UNIQUE;
-- Events published before: their seq stays what clients saw and may resume from.
UPDATE notifications.outbox SET stream_seq = seq WHERE dispatched_at IS NOT NULL;
ALTER TABLE notifications.outbox
    ADD CONSTRAINT outbox_dispatched_in_stream CHECK ((dispatched_at IS NULL) = (stream_seq IS NULL));
-- A resume: one user's events after a stream_seq, in order.
CREATE INDEX outbox_user_stream_idx ON notifications.outbox (user_id, stream_seq) WHERE user_id IS NOT NULL;

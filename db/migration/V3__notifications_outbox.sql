-- notifications: the transactional outbox. A state change writes its event here in the same transaction;
-- the dispatcher delivers it afterwards (WebSocket, webhooks, charts) at least once.
CREATE TABLE notifications.outbox (
    id            uuid        PRIMARY KEY,          -- UUIDv7, also the event id consumers dedupe by
    -- Insertion order across all servers, whose clocks may disagree. Not commit order: the dispatcher takes the
    -- undelivered rows, it never scans past a high-water mark.
    seq           bigint      GENERATED ALWAYS AS IDENTITY UNIQUE,
    event_type    text        NOT NULL CHECK (event_type ~ '^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$'),
    subject       text        NOT NULL CHECK (length(subject) BETWEEN 1 AND 200),
    user_id       uuid,                             -- the user the event belongs to, if any
    payload       jsonb       NOT NULL,
    created_at    timestamptz NOT NULL,
    dispatched_at timestamptz
);
-- The dispatcher's queue: undelivered events in order.
CREATE INDEX outbox_pending_idx ON notifications.outbox (seq) WHERE dispatched_at IS NULL;

-- risk: the append-only audit log of operator and system decisions (who did what, to what, when).
CREATE TABLE risk.audit_log (
    id          uuid        PRIMARY KEY,            -- UUIDv7: time-ordered
    occurred_at timestamptz NOT NULL,
    actor       text        NOT NULL CHECK (length(actor) BETWEEN 1 AND 200),
    action      text        NOT NULL CHECK (length(action) BETWEEN 1 AND 100),
    subject     text        NOT NULL CHECK (length(subject) BETWEEN 1 AND 200),
    detail      jsonb       NOT NULL DEFAULT '{}'::jsonb
);
CREATE INDEX audit_log_subject_idx ON risk.audit_log (subject, occurred_at);

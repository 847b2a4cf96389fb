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

-- Append-only in the database itself, not only by convention: history that can be edited proves nothing.
CREATE FUNCTION risk.refuse_audit_log_change() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    RAISE EXCEPTION 'risk.audit_log is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER audit_log_append_only
    BEFORE UPDATE OR DELETE ON risk.audit_log
    FOR EACH ROW EXECUTE FUNCTION risk.refuse_audit_log_change();
CREATE TRIGGER audit_log_no_truncate
    BEFORE TRUNCATE ON risk.audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION risk.refuse_audit_log_change();

-- Portable DDL: runs unchanged on PostgreSQL 15 and on H2 2.x in PostgreSQL mode.

-- Failed logins per throttle key (account, client address or device), shared by every Gatehouse instance.
-- Updated under a row lock (SELECT ... FOR UPDATE); the primary key settles two instances inserting the
-- first failure of a key at once.
CREATE TABLE login_throttle (
    throttle_key     VARCHAR(128)             NOT NULL,
    failures         INT                      NOT NULL,
    first_failure_at TIMESTAMP WITH TIME ZONE NOT NULL,
    last_failure_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    blocked_until    TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_login_throttle PRIMARY KEY (throttle_key),
    CONSTRAINT ck_login_throttle_failures CHECK (failures >= 0)
);
-- Finds the rows whose failures no longer count, so they can be purged.
CREATE INDEX ix_login_throttle_last_failure_at ON login_throttle (last_failure_at);

-- The security audit trail: append-only, never holds a password or a token.
CREATE TABLE audit_events (
    id             UUID                     NOT NULL,
    occurred_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    event_type     VARCHAR(32)              NOT NULL,
    subject        VARCHAR(64)              NOT NULL,
    client_address VARCHAR(64)              NOT NULL,
    CONSTRAINT pk_audit_events PRIMARY KEY (id)
);
CREATE INDEX ix_audit_events_occurred_at ON audit_events (occurred_at);
CREATE INDEX ix_audit_events_subject ON audit_events (subject);

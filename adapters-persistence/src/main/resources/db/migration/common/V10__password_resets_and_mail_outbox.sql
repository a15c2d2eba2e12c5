-- Portable DDL: runs unchanged on PostgreSQL 15 and on H2 2.x in PostgreSQL mode.

-- The mails still to send, and those sent or given up (kept for the operator; their values, which may hold a reset
-- token, are emptied once sent). A mail caused by a change is inserted in that change's transaction. A sender claims
-- a due PENDING mail with one conditional UPDATE (WHERE state = 'PENDING' AND due_at <= now) that sets its claim and
-- moves due_at to the end of its lease: of concurrent claimers, on any instance, the row lock lets exactly one win,
-- and a sender that dies lets the mail go when the lease ends. Values are URL-encoded name=value pairs joined by '&'.
CREATE TABLE mail_outbox (
    id              UUID                     NOT NULL,
    recipient       VARCHAR(254)             NOT NULL,
    template_name   VARCHAR(32)              NOT NULL,
    mail_values     VARCHAR(4000)            NOT NULL,
    state           VARCHAR(16)              NOT NULL,
    failed_attempts INTEGER                  DEFAULT 0 NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    due_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    claim_id        UUID,
    settled_at      TIMESTAMP WITH TIME ZONE,
    last_error      VARCHAR(500),
    CONSTRAINT pk_mail_outbox PRIMARY KEY (id),
    CONSTRAINT ck_mail_outbox_state CHECK (state IN ('PENDING', 'SENT', 'ABANDONED')),
    CONSTRAINT ck_mail_outbox_failed_attempts CHECK (failed_attempts >= 0)
);
-- The senders' question: which PENDING mails are due, oldest first.
CREATE INDEX ix_mail_outbox_state_due_at ON mail_outbox (state, due_at);

-- Password-reset links by the SHA-256 of their token (64 lower-case hex digits): the table holds no usable link.
-- Using a link is one conditional UPDATE (WHERE used_at IS NULL AND expires_at > now): of concurrent uses, exactly
-- one wins. A user's deletion takes its links with it.
CREATE TABLE password_resets (
    token_hash VARCHAR(64)              NOT NULL,
    user_id    UUID                     NOT NULL,
    issued_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at TIMESTAMP WITH TIME ZONE NOT NULL,
    used_at    TIMESTAMP WITH TIME ZONE,
    CONSTRAINT pk_password_resets PRIMARY KEY (token_hash),
    CONSTRAINT fk_password_resets_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
    CONSTRAINT ck_password_resets_token_hash CHECK (CHAR_LENGTH(token_hash) = 64),
    CONSTRAINT ck_password_resets_lifetime CHECK (expires_at > issued_at)
);
-- Using a link uses up the account's other links; the foreign key's cascade looks them up too.
CREATE INDEX ix_password_resets_user_id ON password_resets (user_id);
CREATE INDEX ix_password_resets_expires_at ON password_resets (expires_at);

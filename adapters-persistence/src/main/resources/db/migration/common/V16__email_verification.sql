-- Portable DDL: runs unchanged on PostgreSQL 15 and on H2 2.x in PostgreSQL mode.

-- Whether the owner proved the account's email address by a link mailed to it. Existing accounts start unproven;
-- the state only matters when GATEHOUSE_EMAIL_VERIFICATION is optional or required.
ALTER TABLE users ADD COLUMN email_verified BOOLEAN DEFAULT FALSE NOT NULL;

-- Email-verification links by the SHA-256 of their token (64 lower-case hex digits): the table holds no usable link.
-- address is what the link proves: the account's address after registration, or a new one (a change of address takes
-- effect only when its link is used). Using a link is one conditional UPDATE (WHERE used_at IS NULL AND expires_at >
-- now): of concurrent uses, exactly one wins. A user's deletion takes its links with it.
CREATE TABLE email_verifications (
    token_hash VARCHAR(64)              NOT NULL,
    user_id    UUID                     NOT NULL,
    address    VARCHAR(254)             NOT NULL,
    issued_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at TIMESTAMP WITH TIME ZONE NOT NULL,
    used_at    TIMESTAMP WITH TIME ZONE,
    CONSTRAINT pk_email_verifications PRIMARY KEY (token_hash),
    CONSTRAINT fk_email_verifications_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
    CONSTRAINT ck_email_verifications_token_hash CHECK (CHAR_LENGTH(token_hash) = 64),
    CONSTRAINT ck_email_verifications_lifetime CHECK (expires_at > issued_at)
);
-- Using a link uses up the account's other links; the foreign key's cascade looks them up too.
CREATE INDEX ix_email_verifications_user_id ON email_verifications (user_id);
CREATE INDEX ix_email_verifications_expires_at ON email_verifications (expires_at);

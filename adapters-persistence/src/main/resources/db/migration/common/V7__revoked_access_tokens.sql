-- Access tokens refused before their expiry (RFC 7009 revocation, logout), by token id. Every instance reads
-- the rows revoked since its last look about once a second; a row may go once its token has expired.
CREATE TABLE revoked_access_tokens (
    token_id   VARCHAR(128)             NOT NULL,
    expires_at TIMESTAMP WITH TIME ZONE NOT NULL,
    revoked_at TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_revoked_access_tokens PRIMARY KEY (token_id)
);
CREATE INDEX ix_revoked_access_tokens_revoked_at ON revoked_access_tokens (revoked_at);
CREATE INDEX ix_revoked_access_tokens_expires_at ON revoked_access_tokens (expires_at);

-- Portable DDL: runs unchanged on PostgreSQL 15 and on H2 2.x in PostgreSQL mode.

-- Authorization codes waiting for their one exchange at the token endpoint (RFC 6749 section 4.1). Only the
-- SHA-256 of a code is stored. A code is bound to its client, the exact redirect URI, the PKCE S256 challenge,
-- the user at the security version they signed in with, the granted scopes (space-separated, as in
-- refresh_sessions) and the OpenID Connect nonce. Redemption is one conditional UPDATE (redeemed_at IS NULL),
-- recording the session it started, so a replayed code can end that session. No foreign key to users: a code
-- lives 60 seconds, and one whose user is gone is refused when its user is looked up.
CREATE TABLE authorization_codes (
    code_hash        VARCHAR(64)              NOT NULL,
    client_id        VARCHAR(64)              NOT NULL,
    redirect_uri     VARCHAR(2000)            NOT NULL,
    code_challenge   VARCHAR(43)              NOT NULL,
    user_id          UUID                     NOT NULL,
    security_version BIGINT                   NOT NULL,
    scopes           VARCHAR(2000)            NOT NULL,
    nonce            VARCHAR(255),
    issued_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    redeemed_at      TIMESTAMP WITH TIME ZONE,
    session_id       UUID,
    CONSTRAINT pk_authorization_codes PRIMARY KEY (code_hash),
    CONSTRAINT ck_authorization_codes_code_hash CHECK (CHAR_LENGTH(code_hash) = 64),
    CONSTRAINT ck_authorization_codes_redemption CHECK ((redeemed_at IS NULL) = (session_id IS NULL)),
    CONSTRAINT ck_authorization_codes_lifetime CHECK (expires_at > issued_at)
);
-- The housekeeping query deletes codes that expired before a cutoff.
CREATE INDEX ix_authorization_codes_expires_at ON authorization_codes (expires_at);

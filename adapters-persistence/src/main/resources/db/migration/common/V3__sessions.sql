-- Portable DDL: runs unchanged on PostgreSQL 15 and on H2 2.x in PostgreSQL mode.

-- Counts the events that end every session of a user (password change, disabling, "log out everywhere"):
-- a token or session carrying an older version is refused. A constant default, so PostgreSQL adds the
-- column without rewriting the table, and existing users start at 0 like newly registered ones.
ALTER TABLE users ADD COLUMN security_version BIGINT DEFAULT 0 NOT NULL;
ALTER TABLE users ADD CONSTRAINT ck_users_security_version CHECK (security_version >= 0);

-- One login's session, the family of refresh tokens that descend from it by rotation. Revoked, not deleted,
-- on logout, so that a token of it presented later is recognised (and refused) rather than unknown; the
-- housekeeping query deletes it later. Scopes are space-separated, as in OAuth2 and in Scope.format.
-- A user's deletion takes its sessions with it; emptying users by hand on PostgreSQL now needs
-- TRUNCATE users CASCADE, which still announces '*' to the caches (V2_1).
CREATE TABLE refresh_sessions (
    id               UUID                     NOT NULL,
    user_id          UUID                     NOT NULL,
    scopes           VARCHAR(2000)            NOT NULL,
    security_version BIGINT                   NOT NULL,
    started_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    revoked_at       TIMESTAMP WITH TIME ZONE,
    CONSTRAINT pk_refresh_sessions PRIMARY KEY (id),
    CONSTRAINT fk_refresh_sessions_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
    CONSTRAINT ck_refresh_sessions_security_version CHECK (security_version >= 0)
);
-- "Log out everywhere" revokes every session of one user; the foreign key's cascade looks them up too.
CREATE INDEX ix_refresh_sessions_user_id ON refresh_sessions (user_id);
-- The housekeeping query deletes sessions that started, or were revoked, before a cutoff: one index for
-- each side of its OR.
CREATE INDEX ix_refresh_sessions_started_at ON refresh_sessions (started_at);
CREATE INDEX ix_refresh_sessions_revoked_at ON refresh_sessions (revoked_at);

-- Every refresh token ever issued in a live or recently ended session, by the SHA-256 of the token (64
-- lower-case hex digits): the table holds no usable token. A rotated token stays, with rotated_at set, so
-- that presenting it again is detected as a replay. Rotation is one conditional UPDATE of rotated_at
-- (WHERE rotated_at IS NULL): of concurrent exchanges of one token, the row lock lets exactly one win.
CREATE TABLE refresh_tokens (
    token_hash VARCHAR(64)              NOT NULL,
    session_id UUID                     NOT NULL,
    issued_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    rotated_at TIMESTAMP WITH TIME ZONE,
    CONSTRAINT pk_refresh_tokens PRIMARY KEY (token_hash),
    CONSTRAINT fk_refresh_tokens_session FOREIGN KEY (session_id) REFERENCES refresh_sessions (id) ON DELETE CASCADE,
    CONSTRAINT ck_refresh_tokens_token_hash CHECK (CHAR_LENGTH(token_hash) = 64)
);
-- The foreign key's cascade, when housekeeping deletes a session, finds the session's tokens through it.
CREATE INDEX ix_refresh_tokens_session_id ON refresh_tokens (session_id);

-- Portable DDL: runs unchanged on PostgreSQL 15 and on H2 2.x in PostgreSQL mode.

-- Browser sessions that were logged out (OpenID Connect RP-Initiated Logout): the sealed cookie names its session
-- (128 random bits, base64url), and a cookie naming one of these signs nobody in again, on any instance. Ending is an
-- INSERT: the primary key lets exactly one of concurrent logouts end it. Forgotten once its cookie has expired.
CREATE TABLE ended_browser_sessions (
    browser_session VARCHAR(22)              NOT NULL,
    ended_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_ended_browser_sessions PRIMARY KEY (browser_session)
);
CREATE INDEX ix_ended_browser_sessions_ended_at ON ended_browser_sessions (ended_at);

-- Which refresh-token session each code exchange started from which browser session, and when its person typed
-- their password (the ID token's auth_time on refresh): logging out of the browser session revokes them. No foreign
-- key to refresh_sessions: housekeeping forgets both by age.
CREATE TABLE browser_session_refresh_sessions (
    session_id      UUID                     NOT NULL,
    browser_session VARCHAR(22)              NOT NULL,
    auth_time       TIMESTAMP WITH TIME ZONE NOT NULL,
    attached_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_browser_session_refresh_sessions PRIMARY KEY (session_id)
);
CREATE INDEX ix_browser_session_refresh_sessions_browser_session ON browser_session_refresh_sessions (browser_session);
CREATE INDEX ix_browser_session_refresh_sessions_attached_at ON browser_session_refresh_sessions (attached_at);

-- The browser session that got a code, so that the session its exchange starts is attached to it. NULL for codes
-- from before this migration (at most a minute old). Nullable without a default: added without rewriting the table.
ALTER TABLE authorization_codes ADD COLUMN browser_session VARCHAR(22);

-- Where a client may send a person after logging them out (exact URIs, space-separated like redirect_uris): none
-- unless registered, so a logout stays on Gatehouse's own page. A constant default: added without a rewrite.
ALTER TABLE clients ADD COLUMN post_logout_redirect_uris VARCHAR(41000) DEFAULT '' NOT NULL;

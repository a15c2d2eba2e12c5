-- Portable DDL: runs unchanged on PostgreSQL 15 and on H2 2.x in PostgreSQL mode.

-- The client application a session was started through, when client applications are registered
-- (GATEHOUSE_CLIENTS): only that client may refresh the session or revoke it. NULL for a session started
-- with no client registered, and for every session from before this migration. 64 is the longest client id
-- (ClientId.MAX_LENGTH). Nullable without a default, so PostgreSQL adds it without rewriting the table.
ALTER TABLE refresh_sessions ADD COLUMN client_id VARCHAR(64);

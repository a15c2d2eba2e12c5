-- Portable DDL: runs unchanged on PostgreSQL 15 and on H2 2.x in PostgreSQL mode.

-- The resource server a session's access tokens are for, when the client asked for one with a resource
-- indicator (RFC 8707): a refresh may name it again or leave it out, never another. NULL for a session that asked
-- for none, and for every session from before this migration. 2048 is the longest audience (Audience.MAX_LENGTH).
-- Nullable without a default, so PostgreSQL adds it without rewriting the table.
ALTER TABLE refresh_sessions ADD COLUMN resource VARCHAR(2048);

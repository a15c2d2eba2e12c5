-- Portable DDL: runs unchanged on PostgreSQL 15 and on H2 2.x in PostgreSQL mode.

-- When the person last typed their password in the browser session that got the code: OpenID Connect's auth_time,
-- which an ID token carries and max_age is judged by. A code from a browser session is issued long after it. NULL for
-- codes from before this migration (at most a minute old), which read as signed in when they were issued.
-- Nullable without a default, so PostgreSQL adds it without rewriting the table.
ALTER TABLE authorization_codes ADD COLUMN auth_time TIMESTAMP WITH TIME ZONE;

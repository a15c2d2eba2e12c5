-- The roles a user holds, as a space-separated list of role names sorted by name (like an OAuth2 scope
-- string): they change together with the security version in one row update, so the change notification and
-- the user cache see them at once. A user holds at most 16 roles of at most 64 characters.
ALTER TABLE users ADD COLUMN roles VARCHAR(1040) DEFAULT '' NOT NULL;

-- Who did it, when an administrator (or the command line) acted on another user's account; NULL when the
-- subject acted alone (a login, a password change).
ALTER TABLE audit_events ADD COLUMN actor VARCHAR(64);

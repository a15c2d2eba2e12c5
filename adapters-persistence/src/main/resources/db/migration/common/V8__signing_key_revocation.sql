-- When an operator revoked a (compromised) signing key; NULL while it is trusted. A revoked key is neither
-- published nor trusted nor signing on any instance; each instance checks for revocations every few seconds.
-- Set once, by a conditional UPDATE ... WHERE revoked_at IS NULL.
ALTER TABLE signing_keys ADD COLUMN revoked_at TIMESTAMP WITH TIME ZONE;

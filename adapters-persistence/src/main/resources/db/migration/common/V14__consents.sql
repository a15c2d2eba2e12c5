-- Portable DDL: runs unchanged on PostgreSQL 15 and on H2 2.x in PostgreSQL mode.

-- What each person allowed each third-party client application (the consent screen of the authorization endpoint):
-- one row per user and client, the scopes agreed to space-separated and sorted (as in authorization_codes). A later
-- consent adds scopes: the adapter inserts the row, or replaces the scopes it read with their union in a conditional
-- UPDATE (WHERE scopes = what it read), retrying when another grant got there first, so racing grants on any
-- instance end with the union. A consent ends only when its user revokes it (not with sessions or a new password).
-- No foreign key to users: user ids are never reused, and a gone user's consent is never asked for again.
CREATE TABLE consents (
    user_id    UUID                     NOT NULL,
    client_id  VARCHAR(64)              NOT NULL,
    scopes     VARCHAR(2000)            NOT NULL,
    granted_at TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_consents PRIMARY KEY (user_id, client_id)
);

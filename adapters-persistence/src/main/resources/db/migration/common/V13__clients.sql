-- Portable DDL: runs unchanged on PostgreSQL 15 and on H2 2.x in PostgreSQL mode.

-- The client applications registered as data (with the command line or the admin API), beside those the settings
-- name (GATEHOUSE_CLIENTS), which are never stored. The primary key decides which of two concurrent registrations
-- of one id, on one instance or several, is stored. secret_hash is the SHA-256 of a server-generated secret of 256
-- random bits (64 lower-case hex digits): the table holds no usable secret. NULL for a public client and for one
-- that proves itself with keys alone (jwks or jwks_uri). Lists are space-separated, as none of their values may
-- contain a space (grant types, scopes, audiences, redirect URIs); scopes is NULL when the client may hold any
-- scope, which is not the same as an empty list. 64 is ClientId.MAX_LENGTH; 20 redirect URIs and 20 audiences of
-- at most 2048 characters each fit their columns; jwks is at most 64 KiB (ClientKeys.Inline.MAX_BYTES).
CREATE TABLE clients (
    client_id      VARCHAR(64)              NOT NULL,
    client_type    VARCHAR(16)              NOT NULL,
    secret_hash    VARCHAR(64),
    first_party    BOOLEAN                  NOT NULL,
    introspects    BOOLEAN                  DEFAULT FALSE NOT NULL,
    grant_types    VARCHAR(200)             NOT NULL,
    scopes         VARCHAR(20000),
    audiences      VARCHAR(41000)           NOT NULL,
    redirect_uris  VARCHAR(41000)           NOT NULL,
    jwks           VARCHAR(65536),
    jwks_uri       VARCHAR(2048),
    registered_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_clients PRIMARY KEY (client_id),
    CONSTRAINT ck_clients_client_type CHECK (client_type IN ('PUBLIC', 'CONFIDENTIAL')),
    CONSTRAINT ck_clients_secret_hash CHECK (secret_hash IS NULL OR CHAR_LENGTH(secret_hash) = 64),
    CONSTRAINT ck_clients_one_key_set CHECK (jwks IS NULL OR jwks_uri IS NULL)
);
-- Removing a client revokes the sessions started through it (RefreshTokens.revokeAllOfClient).
CREATE INDEX ix_refresh_sessions_client_id ON refresh_sessions (client_id);

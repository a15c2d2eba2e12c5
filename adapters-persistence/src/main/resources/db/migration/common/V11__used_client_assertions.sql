-- The private_key_jwt client assertions already used (RFC 7523 section 3: a jti is accepted once), shared by every
-- instance: the first INSERT of a (client, jti) wins, every later one violates the primary key. A row may go once the
-- assertion has expired, as an expired assertion is refused anyway.
CREATE TABLE used_client_assertions (
    client_id  VARCHAR(64)              NOT NULL,
    jti        VARCHAR(256)             NOT NULL,
    expires_at TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_used_client_assertions PRIMARY KEY (client_id, jti)
);
CREATE INDEX ix_used_client_assertions_expires_at ON used_client_assertions (expires_at);

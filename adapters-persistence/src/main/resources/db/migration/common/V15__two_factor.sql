-- Portable DDL: runs unchanged on PostgreSQL 15 and on H2 2.x in PostgreSQL mode.

-- Each user's TOTP second factor (RFC 6238): pending until confirmed, then active. The secret is stored encrypted
-- (AES-256-GCM under a key derived for this purpose alone, key_id naming it, the row's user and enrolment as
-- additional data). last_used_step is the latest time step whose code was accepted: accepting a code is one
-- conditional UPDATE (WHERE last_used_step < step), so a code works once across instances.
CREATE TABLE two_factor_credentials (
    user_id        UUID                     NOT NULL,
    enrolment_id   UUID                     NOT NULL,
    secret         VARCHAR(200)             NOT NULL,
    key_id         VARCHAR(16)              NOT NULL,
    active         BOOLEAN                  NOT NULL,
    last_used_step BIGINT                   NOT NULL,
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_two_factor_credentials PRIMARY KEY (user_id),
    CONSTRAINT fk_two_factor_credentials_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
);

-- Recovery codes by their SHA-256 (80 random bits each): using one is one conditional DELETE, so it works once.
CREATE TABLE recovery_codes (
    code_hash VARCHAR(64) NOT NULL,
    user_id   UUID        NOT NULL,
    CONSTRAINT pk_recovery_codes PRIMARY KEY (code_hash),
    CONSTRAINT fk_recovery_codes_credential FOREIGN KEY (user_id) REFERENCES two_factor_credentials (user_id)
        ON DELETE CASCADE,
    CONSTRAINT ck_recovery_codes_code_hash CHECK (CHAR_LENGTH(code_hash) = 64)
);
CREATE INDEX ix_recovery_codes_user_id ON recovery_codes (user_id);

-- Password logins waiting for their second factor, by the SHA-256 of their mfa_token, bound to the user at a
-- security version, the client (if clients authenticate), the scopes (space-separated) and resource asked for.
-- Completing one is one conditional DELETE (WHERE expires_at > now), so it completes one login.
CREATE TABLE mfa_challenges (
    token_hash       VARCHAR(64)              NOT NULL,
    user_id          UUID                     NOT NULL,
    security_version BIGINT                   NOT NULL,
    client_id        VARCHAR(64),
    scopes           VARCHAR(2000)            NOT NULL,
    resource         VARCHAR(2000),
    expires_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_mfa_challenges PRIMARY KEY (token_hash),
    CONSTRAINT fk_mfa_challenges_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
    CONSTRAINT ck_mfa_challenges_token_hash CHECK (CHAR_LENGTH(token_hash) = 64)
);
CREATE INDEX ix_mfa_challenges_expires_at ON mfa_challenges (expires_at);

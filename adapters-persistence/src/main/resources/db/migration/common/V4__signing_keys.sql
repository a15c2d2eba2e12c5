-- Portable DDL: runs unchanged on PostgreSQL 15 and on H2 2.x in PostgreSQL mode.

-- The keys that sign access tokens, shared by every instance. Key material is base64 text (portable, and
-- small): the public key as X.509 SubjectPublicKeyInfo, the private key as PKCS#8 encrypted with AES-256-GCM
-- (nonce || ciphertext || tag) under the key-encryption key that encryption_key_id names.
-- The unique generation settles two instances rotating at once: only one can add the next key.
CREATE TABLE signing_keys (
    kid                   VARCHAR(64)              NOT NULL,
    generation            BIGINT                   NOT NULL,
    algorithm             VARCHAR(16)              NOT NULL,
    public_key            VARCHAR(2048)            NOT NULL,
    private_key_encrypted VARCHAR(8192)            NOT NULL,
    encryption_key_id     VARCHAR(32)              NOT NULL,
    created_at            TIMESTAMP WITH TIME ZONE NOT NULL,
    activates_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_signing_keys PRIMARY KEY (kid),
    CONSTRAINT uq_signing_keys_generation UNIQUE (generation),
    CONSTRAINT ck_signing_keys_generation CHECK (generation > 0),
    CONSTRAINT ck_signing_keys_algorithm CHECK (algorithm IN ('ES256', 'RS256', 'EdDSA')),
    CONSTRAINT ck_signing_keys_activation CHECK (activates_at >= created_at)
);

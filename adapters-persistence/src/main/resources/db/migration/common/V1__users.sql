-- Portable DDL: runs unchanged on PostgreSQL 15 and on H2 2.x in PostgreSQL mode.
-- Uniqueness is case-insensitive through a lower-cased copy of the username, because H2 has no
-- expression indexes; the CHECK keeps the copy honest.
CREATE TABLE users (
    id                 UUID                     NOT NULL,
    username           VARCHAR(64)              NOT NULL,
    username_canonical VARCHAR(64)              NOT NULL,
    email              VARCHAR(254),
    full_name          VARCHAR(200),
    password_hash      VARCHAR(512)             NOT NULL,
    disabled           BOOLEAN                  DEFAULT FALSE NOT NULL,
    created_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    version            BIGINT                   DEFAULT 0 NOT NULL,
    CONSTRAINT pk_users PRIMARY KEY (id),
    CONSTRAINT uq_users_username_canonical UNIQUE (username_canonical),
    CONSTRAINT ck_users_username_canonical CHECK (username_canonical = LOWER(username))
);

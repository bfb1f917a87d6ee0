-- Users, devices, access tokens and user-interactive auth sessions.
-- Portable between H2 and PostgreSQL. Identifiers come from sequences allocated 50 at a time.

CREATE SEQUENCE gh_id_seq START WITH 50 INCREMENT BY 50;

CREATE TABLE gh_user (
    id              BIGINT       NOT NULL PRIMARY KEY,
    localpart       VARCHAR(255) NOT NULL,
    password_hash   VARCHAR(512),
    admin           BOOLEAN      NOT NULL,
    guest           BOOLEAN      NOT NULL,
    deactivated     BOOLEAN      NOT NULL,
    erased          BOOLEAN      NOT NULL,
    created_at      BIGINT       NOT NULL,
    CONSTRAINT uq_user_localpart UNIQUE (localpart)
);

CREATE TABLE gh_device (
    id              BIGINT       NOT NULL PRIMARY KEY,
    user_id         BIGINT       NOT NULL REFERENCES gh_user (id),
    device_id       VARCHAR(255) NOT NULL,
    display_name    VARCHAR(512),
    last_seen_ts    BIGINT,
    last_seen_ip    VARCHAR(64),
    created_at      BIGINT       NOT NULL,
    CONSTRAINT uq_device_user_device UNIQUE (user_id, device_id)
);

CREATE TABLE gh_refresh_token (
    id              BIGINT       NOT NULL PRIMARY KEY,
    token_hash      VARCHAR(64)  NOT NULL,
    user_id         BIGINT       NOT NULL REFERENCES gh_user (id),
    device_ref      BIGINT       NOT NULL REFERENCES gh_device (id),
    successor_ref   BIGINT,
    revoked_at      BIGINT,
    created_at      BIGINT       NOT NULL,
    CONSTRAINT uq_refresh_token_hash UNIQUE (token_hash)
);
CREATE INDEX ix_refresh_token_device ON gh_refresh_token (device_ref);
CREATE INDEX ix_refresh_token_user ON gh_refresh_token (user_id);

CREATE TABLE gh_access_token (
    id              BIGINT       NOT NULL PRIMARY KEY,
    token_hash      VARCHAR(64)  NOT NULL,
    user_id         BIGINT       NOT NULL REFERENCES gh_user (id),
    device_ref      BIGINT       NOT NULL REFERENCES gh_device (id),
    refresh_ref     BIGINT       REFERENCES gh_refresh_token (id),
    retires_refresh_ref BIGINT,
    created_at      BIGINT       NOT NULL,
    expires_at      BIGINT,
    CONSTRAINT uq_access_token_hash UNIQUE (token_hash)
);
CREATE INDEX ix_access_token_device ON gh_access_token (device_ref);
CREATE INDEX ix_access_token_user ON gh_access_token (user_id);
CREATE INDEX ix_access_token_refresh ON gh_access_token (refresh_ref);

-- Single-use m.login.token login tokens (spec: "Login", m.login.token).
CREATE TABLE gh_login_token (
    token_hash      VARCHAR(64)  NOT NULL PRIMARY KEY,
    user_id         BIGINT       NOT NULL REFERENCES gh_user (id),
    expires_at      BIGINT       NOT NULL
);

CREATE TABLE gh_uia_session (
    id              BIGINT       NOT NULL PRIMARY KEY,
    session_id      VARCHAR(64)  NOT NULL,
    operation_hash  VARCHAR(64)  NOT NULL,
    user_id         BIGINT,
    completed       VARCHAR(1024) NOT NULL,
    result          VARCHAR(512),
    created_at      BIGINT       NOT NULL,
    expires_at      BIGINT       NOT NULL,
    CONSTRAINT uq_uia_session UNIQUE (session_id)
);
CREATE INDEX ix_uia_session_expires ON gh_uia_session (expires_at);

-- Single-use nonces of the shared-secret registration admin API.
CREATE TABLE gh_registration_nonce (
    nonce           VARCHAR(64)  NOT NULL PRIMARY KEY,
    expires_at      BIGINT       NOT NULL
);

-- Registration tokens (spec: "Token-authenticated registration"; Synapse-compatible admin API).
-- Portable between H2 and PostgreSQL.

-- One row per token. uses_allowed and expiry_time NULL mean unlimited and never expiring.
-- pending counts UIA sessions that completed m.login.registration_token with the token but have
-- not registered yet; completed counts registrations made with it.
CREATE TABLE gh_registration_token (
    token           VARCHAR(64)  NOT NULL PRIMARY KEY,
    uses_allowed    BIGINT,
    pending         BIGINT       NOT NULL,
    completed       BIGINT       NOT NULL,
    expiry_time     BIGINT
);

-- The token a UIA session used, until its registration completes (pending -> completed) or the
-- use expires with the session (pending is released).
CREATE TABLE gh_registration_token_use (
    session_id      VARCHAR(64)  NOT NULL PRIMARY KEY,
    token           VARCHAR(64)  NOT NULL,
    expires_at      BIGINT       NOT NULL
);
CREATE INDEX ix_registration_token_use_expires ON gh_registration_token_use (expires_at);
CREATE INDEX ix_registration_token_use_token ON gh_registration_token_use (token);

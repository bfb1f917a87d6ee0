-- Indexes for the queries that had none, so that no lookup grows with its table (issue
-- "Performance"): refresh (RefreshToken by successor_ref, on every refresh), and the purges of
-- expired login tokens and registration nonces. Portable between H2 and PostgreSQL.

CREATE INDEX ix_refresh_token_successor ON gh_refresh_token (successor_ref);
CREATE INDEX ix_login_token_expires ON gh_login_token (expires_at);
CREATE INDEX ix_registration_nonce_expires ON gh_registration_nonce (expires_at);

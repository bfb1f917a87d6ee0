-- Which devices came from which identity-provider session, for OpenID Connect back-channel
-- logout (org.gatehouse.sso.SsoSessions). A row is written when the SSO callback issues its login
-- token (only the token's SHA-256 is kept) and gets its device when that token logs in.
CREATE TABLE gh_sso_session (
    id               BIGINT        NOT NULL PRIMARY KEY,
    provider_id      VARCHAR(64)   NOT NULL,
    sid              VARCHAR(255),
    subject          VARCHAR(255)  NOT NULL,
    user_id          BIGINT        NOT NULL REFERENCES gh_user (id) ON DELETE CASCADE,
    login_token_hash VARCHAR(64),
    device_id        VARCHAR(255),
    created_at       BIGINT        NOT NULL
);

CREATE INDEX ix_sso_session_sid ON gh_sso_session (provider_id, sid);
CREATE INDEX ix_sso_session_subject ON gh_sso_session (provider_id, subject);
CREATE INDEX ix_sso_session_token ON gh_sso_session (login_token_hash);

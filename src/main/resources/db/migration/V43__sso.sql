-- Single sign-on through OpenID Connect (org.gatehouse.sso).
--
-- gh_sso_attempt: one pending redirect to an identity provider. The browser holds a random
-- binding cookie whose SHA-256 is stored here; the state is stored as its SHA-256 too. The row is
-- deleted by the callback that uses it (single use) or by the purge once expired. The nonce and
-- the PKCE code verifier are needed in clear to check the ID token and to redeem the code; they
-- live only as long as the attempt (minutes).
CREATE TABLE gh_sso_attempt (
    state_hash      VARCHAR(64)   NOT NULL PRIMARY KEY,
    binding_hash    VARCHAR(64)   NOT NULL,
    provider_id     VARCHAR(64)   NOT NULL,
    nonce           VARCHAR(128)  NOT NULL,
    code_verifier   VARCHAR(128)  NOT NULL,
    redirect_url    VARCHAR(2048),
    uia_session     VARCHAR(255),
    expires_at      BIGINT        NOT NULL
);

CREATE INDEX ix_sso_attempt_expires ON gh_sso_attempt (expires_at);

-- gh_sso_link: which account an identity provider's subject signs in to.
CREATE TABLE gh_sso_link (
    id              BIGINT        NOT NULL PRIMARY KEY,
    provider_id     VARCHAR(64)   NOT NULL,
    subject         VARCHAR(255)  NOT NULL,
    user_id         BIGINT        NOT NULL REFERENCES gh_user (id) ON DELETE CASCADE,
    created_at      BIGINT        NOT NULL,
    CONSTRAINT uq_sso_link_subject UNIQUE (provider_id, subject)
);

CREATE INDEX ix_sso_link_user ON gh_sso_link (user_id);

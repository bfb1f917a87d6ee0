-- The username picker of single sign-on (org.gatehouse.sso.SsoUsernameChoices): a first login
-- whose templated username cannot be used waits here, with the identity the provider vouched for,
-- until its user chooses a username. Keyed by the SHA-256 of the form's random session token; the
-- browser holds a random binding cookie whose SHA-256 is stored too. Deleted when the account is
-- made (single use) or by the purge once expired.
CREATE TABLE gh_sso_username_choice (
    session_hash    VARCHAR(64)    NOT NULL PRIMARY KEY,
    binding_hash    VARCHAR(64)    NOT NULL,
    provider_id     VARCHAR(64)    NOT NULL,
    subject         VARCHAR(255)   NOT NULL,
    sid             VARCHAR(255),
    claims          VARCHAR(65535) NOT NULL,
    redirect_url    VARCHAR(2048)  NOT NULL,
    expires_at      BIGINT         NOT NULL
);

CREATE INDEX ix_sso_username_choice_expires ON gh_sso_username_choice (expires_at);

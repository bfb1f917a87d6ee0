-- What the account API, the admin API and identity providers show of a user beside the
-- credentials: a display name, and third-party identifiers (e-mail addresses) that the user can
-- log in with (spec: "Identifier types", m.id.thirdparty). Portable between H2 and PostgreSQL.

ALTER TABLE gh_user ADD COLUMN display_name VARCHAR(512);

-- A third-party identifier of one user. address is stored canonical (e-mail lowercased), and one
-- address belongs to at most one user.
CREATE TABLE gh_user_threepid (
    id              BIGINT       NOT NULL PRIMARY KEY,
    user_id         BIGINT       NOT NULL REFERENCES gh_user (id),
    medium          VARCHAR(16)  NOT NULL,
    address         VARCHAR(320) NOT NULL,
    validated_at    BIGINT       NOT NULL,
    added_at        BIGINT       NOT NULL,
    CONSTRAINT uq_user_threepid UNIQUE (medium, address)
);
CREATE INDEX ix_user_threepid_user ON gh_user_threepid (user_id);

-- Accounts whose password a directory (the ldap password backend) owns: made at the first
-- directory login, refreshed at each later one. mail is the address the directory gave last, so
-- that a changed address replaces the old third-party identifier. Portable between H2 and PostgreSQL.
CREATE TABLE gh_directory_account (
    user_id         BIGINT        NOT NULL PRIMARY KEY REFERENCES gh_user (id),
    backend         VARCHAR(16)   NOT NULL,
    dn              VARCHAR(1024) NOT NULL,
    mail            VARCHAR(320),
    synced_at       BIGINT        NOT NULL
);

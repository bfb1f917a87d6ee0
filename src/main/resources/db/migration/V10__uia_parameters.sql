-- What a User-Interactive Authentication session remembers of its operation, so that a later
-- stage may send only `auth` (and, for registration, change the parameters): the operation's
-- parameters as canonical JSON (the request body without `auth` and the secret field), and a hash
-- of its secret (the registration `password` or the new password of a password change; never the
-- secret itself). Portable between H2 and PostgreSQL (VARCHAR without a length is unbounded).

ALTER TABLE gh_uia_session ADD COLUMN parameters VARCHAR;
ALTER TABLE gh_uia_session ADD COLUMN secret_hash VARCHAR(512);

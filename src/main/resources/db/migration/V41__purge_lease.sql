-- The lease of the scheduled purge of expired rows (infra.ExpiredRowPurge): the node whose UPDATE
-- moves next_run (epoch milliseconds) forward from the past runs the purge; the others skip it, so
-- two nodes of a cluster never purge at once. Portable between H2 and PostgreSQL.
CREATE TABLE gh_purge_lease (
    name        VARCHAR(64) NOT NULL PRIMARY KEY,
    next_run    BIGINT      NOT NULL
);
INSERT INTO gh_purge_lease (name, next_run) VALUES ('expired-rows', 0);

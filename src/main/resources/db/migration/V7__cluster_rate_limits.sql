-- The token buckets of a cluster (gatehouse.cluster.enabled=true), shared by every node through
-- Bucket4j's PostgreSQL backend (cluster.PostgresRateLimitStore); a single node keeps its buckets
-- in memory and never uses this table. id is the SHA-256 (hex) of the limit and the key, state
-- Bucket4j's serialised bucket, expires_at (epoch milliseconds) when the bucket is full again and
-- the row may be deleted. Portable between H2 and PostgreSQL.
CREATE TABLE gh_rate_limit_bucket (
    id          VARCHAR(64) NOT NULL PRIMARY KEY,
    state       BYTEA,
    expires_at  BIGINT
);
CREATE INDEX ix_rate_limit_bucket_expires ON gh_rate_limit_bucket (expires_at);

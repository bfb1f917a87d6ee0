-- Account moderation (spec: "Account locking", "Account suspension"; the admin module) and what
-- the admin module's whois shows of a session: a lock and a suspension flag per account, and the
-- user agent a device was last seen with beside its address. Portable between H2 and PostgreSQL.

ALTER TABLE gh_user ADD COLUMN locked BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE gh_user ADD COLUMN suspended BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE gh_device ADD COLUMN last_seen_user_agent VARCHAR(512);

-- A password set by someone else (the first start's administrator, an administrator for a user) is
-- one-time: it must be changed before anything else (NULL, as restored from an older backup: no).
-- User names are compared without regard to case.
ALTER TABLE users ADD COLUMN must_change_password boolean DEFAULT false;
CREATE INDEX users_username_lower ON users (lower(username));

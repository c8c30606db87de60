-- A revoked user stays shut out until an administrator restores them (src/store/d1-accounts.ts):
-- the time they were revoked; NULL while the account is active.
ALTER TABLE users ADD COLUMN disabled_at TEXT;

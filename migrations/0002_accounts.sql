-- Accounts (issue #12, src/store/d1-accounts.ts): the unit a form belongs to, users with their
-- role and password hash, API tokens and page sessions kept as SHA-256 hashes (never the secrets).

-- The creator's unit; NULL for forms saved without accounts.
ALTER TABLE forms ADD COLUMN unit TEXT;
CREATE INDEX forms_by_unit ON forms (unit, updated_at DESC, id);

CREATE TABLE users (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  unit TEXT NOT NULL,
  role TEXT NOT NULL,
  password_hash TEXT,
  created_at TEXT NOT NULL
);

CREATE TABLE api_tokens (
  hash TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at TEXT NOT NULL,
  revoked_at TEXT
);
CREATE INDEX api_tokens_by_user ON api_tokens (user_id);

CREATE TABLE sessions (
  hash TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL
);
CREATE INDEX sessions_by_user ON sessions (user_id);

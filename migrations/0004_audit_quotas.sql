-- The audit log and the quota counters (issue #12; src/store/d1-audit-log.ts, d1-quota-counters.ts).
-- The log is append-only: the app only ever INSERTs into audit_log and SELECTs from it.

-- One row per access: who (name, role, unit), the action, the form and its unit, the status, when.
-- scope_unit (the form's unit, else the actor's) is what GET /api/audit filters by.
CREATE TABLE audit_log (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  at TEXT NOT NULL,
  actor_name TEXT NOT NULL,
  actor_role TEXT,
  actor_unit TEXT,
  action TEXT NOT NULL,
  form_id TEXT,
  form_unit TEXT,
  status INTEGER NOT NULL,
  scope_unit TEXT
);
CREATE INDEX audit_log_by_form ON audit_log (form_id, seq);
CREATE INDEX audit_log_by_unit ON audit_log (scope_unit, seq);

-- One counter per key (rate:user:…, rate:unit:…, budget:unit:…) in its current window.
CREATE TABLE quota_counters (
  key TEXT PRIMARY KEY,
  window_id INTEGER NOT NULL,
  count INTEGER NOT NULL
);

-- Ziping's D1 schema (src/store/d1-repository.ts): the current form, every saved version, the
-- history of each narrative cell and the revision chats. Apply with
-- `wrangler d1 migrations apply DB --local` (or `--remote`); never edit a migration once applied:
-- add the next numbered file instead.

-- One row per form: the current version as JSON, plus the list columns (summaryOf in list-forms.ts)
-- so a list query never parses a form. save_token marks the save that last won the version check.
CREATE TABLE forms (
  id TEXT PRIMARY KEY,
  version INTEGER NOT NULL,
  form TEXT NOT NULL,
  report TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  save_token TEXT NOT NULL,
  project_name TEXT NOT NULL,
  year INTEGER NOT NULL,
  department TEXT,
  implementer TEXT,
  total REAL NOT NULL,
  self_total REAL,
  grade TEXT NOT NULL,
  open_issues INTEGER NOT NULL
);
CREATE INDEX forms_by_update ON forms (updated_at DESC, id);
CREATE INDEX forms_by_year ON forms (year, updated_at DESC, id);

-- Every saved version with its form (history, GET /versions/N).
CREATE TABLE form_versions (
  form_id TEXT NOT NULL REFERENCES forms (id) ON DELETE CASCADE,
  version INTEGER NOT NULL,
  at TEXT NOT NULL,
  saved_by TEXT NOT NULL,
  action TEXT NOT NULL,
  changes TEXT NOT NULL,
  form TEXT NOT NULL,
  PRIMARY KEY (form_id, version)
);

-- Narrative cell history: one entry (NarrativeEntry as JSON) per save that changed the cell's text.
CREATE TABLE narrative_entries (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  form_id TEXT NOT NULL REFERENCES forms (id) ON DELETE CASCADE,
  path TEXT NOT NULL,
  version INTEGER NOT NULL,
  entry TEXT NOT NULL
);
CREATE INDEX narrative_entries_by_form ON narrative_entries (form_id, seq);

-- Revision chat turns per narrative cell (ChatMessage as JSON), in the order they were added.
CREATE TABLE chat_messages (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  form_id TEXT NOT NULL REFERENCES forms (id) ON DELETE CASCADE,
  path TEXT NOT NULL,
  message TEXT NOT NULL
);
CREATE INDEX chat_messages_by_cell ON chat_messages (form_id, path, seq);

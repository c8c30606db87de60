-- Reviews (issue #12, src/store/d1-reviews.ts): one row per reviewed form, beside the form, never in
-- it. `record` is the ReviewRecord as JSON; `status` and `revision` are copied out so a list reads the
-- statuses without parsing and a save can check the revision in its UPDATE. No foreign key: the
-- review of a deleted form is removed by the app (DELETE /api/forms/:id).
CREATE TABLE reviews (
  form_id TEXT PRIMARY KEY,
  status TEXT NOT NULL,
  revision INTEGER NOT NULL,
  record TEXT NOT NULL
);

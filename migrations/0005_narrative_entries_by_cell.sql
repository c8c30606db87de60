-- The history limit (src/core/limits.ts MAX_HISTORY_PER_CELL): each save that changes a cell's text
-- drops that cell's entries beyond the newest 200 (d1-repository.ts), reading only that cell's rows here.
CREATE INDEX narrative_entries_by_cell ON narrative_entries (form_id, path, seq);

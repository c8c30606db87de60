/**
 * What the API returns for a stored form: the record plus, for each narrative cell with a
 * history, where its current text came from and whether the numbers moved since it was written.
 */
import type { z } from '@hono/zod-openapi';
import { hasNarrativeCell, isNarrativePath } from '../core/narratives/paths.js';
import { isStale } from '../core/narratives/snapshot.js';
import type { FormRecord, NarrativeEntry } from '../store/repository.js';
import type { FormViewSchema, NarrativeStateSchema } from './schemas.js';

/** A narrative cell's state in the view (NarrativeStateSchema). */
export type NarrativeState = z.output<typeof NarrativeStateSchema>;
/** The API view of a stored form: defined once, by FormViewSchema. */
export type FormView = z.output<typeof FormViewSchema>;

/** The newest entry saved at or before `version` (a save that lands between two reads is ignored). */
function entryAt(entries: NarrativeEntry[] | undefined, version: number): NarrativeEntry | undefined {
  for (let i = (entries?.length ?? 0) - 1; i >= 0; i -= 1) if (entries![i]!.version <= version) return entries![i];
  return undefined;
}

/** The state of every narrative cell that has a history and still exists in the form. */
export function narrativeStates(
  record: FormRecord,
  history: Partial<Record<string, NarrativeEntry[]>>,
): Record<string, NarrativeState> {
  const states: Record<string, NarrativeState> = {};
  for (const [path, entries] of Object.entries(history)) {
    const last = entryAt(entries, record.version);
    if (!last || !isNarrativePath(path) || !hasNarrativeCell(record.form, path)) continue;
    states[path] = {
      origin: last.origin,
      at: last.at,
      by: last.by,
      version: last.version,
      stale: isStale(last, record.form, record.report),
    };
  }
  return states;
}

/** The API view of a record. */
export function formView(record: FormRecord, history: Partial<Record<string, NarrativeEntry[]>>): FormView {
  return {
    id: record.id,
    version: record.version,
    form: record.form,
    report: record.report,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
    narratives: narrativeStates(record, history),
  };
}

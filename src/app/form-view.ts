/**
 * What the API returns for a stored form: the record plus, for each narrative cell with a
 * history, where its current text came from and whether the numbers moved since it was written.
 */
import type { NarrativeOrigin } from '../core/narratives/origin.js';
import { hasNarrativeCell, isNarrativePath } from '../core/narratives/paths.js';
import { isStale } from '../core/narratives/snapshot.js';
import type { Form } from '../core/schema/form.js';
import type { ScoreReport } from '../core/schema/report.js';
import type { FormRecord, NarrativeEntry } from '../store/repository.js';

export interface NarrativeState {
  origin: NarrativeOrigin;
  at: string;
  by: string;
  /** The form version that saved the current text. */
  version: number;
  /** True when the row's (or the funding's) numbers or scores changed after the text was saved. */
  stale: boolean;
}

export interface FormView {
  id: string;
  version: number;
  form: Form;
  report: ScoreReport;
  createdAt: string;
  updatedAt: string;
  narratives: Record<string, NarrativeState>;
}

/** The newest entry saved at or before `version` (a save that lands between two reads is ignored). */
function entryAt(entries: NarrativeEntry[] | undefined, version: number): NarrativeEntry | undefined {
  for (let i = (entries?.length ?? 0) - 1; i >= 0; i -= 1) if (entries![i]!.version <= version) return entries![i];
  return undefined;
}

/** The state of every narrative cell that has a history and still exists in the form. */
export function narrativeStates(record: FormRecord, history: Partial<Record<string, NarrativeEntry[]>>): Record<string, NarrativeState> {
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

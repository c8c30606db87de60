/**
 * What a narrative text was written against. A 偏差原因 text explains one row's numbers and a
 * 实际完成情况 text sums up the funding and every row's result; when those inputs or their scores
 * change after the text was saved, the text may no longer be true and is marked stale.
 */
import type { Form, NarrativePath } from '../schema/form.js';
import type { ScoreReport } from '../schema/report.js';
import { deviationPath, narrativeRowIndex } from './paths.js';
import type { FundingRowSnapshot, NarrativeSnapshot } from './snapshot-schema.js';

export type { DeviationSnapshot, GoalsSnapshot, NarrativeSnapshot } from './snapshot-schema.js';

type FundingRowLike = { initial?: number | null; annual?: number | null; executed?: number | null } | null | undefined;

function fundingRow(row: FundingRowLike): FundingRowSnapshot {
  if (!row) return null;
  return { initial: row.initial ?? null, annual: row.annual ?? null, executed: row.executed ?? null };
}

/** The scoring inputs and results a narrative cell depends on; null when the form lacks the cell. */
export function narrativeSnapshot(form: Form, report: ScoreReport, path: NarrativePath): NarrativeSnapshot | null {
  const row = narrativeRowIndex(path);
  if (row === null) {
    const funding = form.funding;
    return {
      kind: 'goals',
      unit: funding?.unit ?? '万元',
      funding: {
        total: fundingRow(funding?.total),
        appropriation: fundingRow(funding?.appropriation),
        carryover: fundingRow(funding?.carryover),
        other: fundingRow(funding?.other),
      },
      total: report.total,
      actuals: form.indicators.map((indicator) => indicator.actual ?? null),
    };
  }
  const indicator = form.indicators[row];
  if (!indicator) return null;
  const result = report.indicators.find((r) => r.index === row);
  return {
    kind: 'deviation',
    index: row,
    target: indicator.target ?? null,
    actual: indicator.actual ?? null,
    weight: indicator.weight ?? null,
    selfScore: indicator.score ?? null,
    ruleScore: result?.ruleScore ?? null,
    score: result?.score ?? null,
    flags: [...(result?.flags ?? [])].sort(),
  };
}

/** Deep equality of JSON values, with an absent key equal to one holding undefined. */
function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const other = b as unknown[];
    return a.length === other.length && a.every((item, i) => sameJson(item, other[i]));
  }
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  const keys = new Set([...Object.keys(left), ...Object.keys(right)]);
  for (const key of keys) if (!sameJson(left[key], right[key])) return false;
  return true;
}

/** True when two snapshots hold the same inputs and results. */
export function sameSnapshot(a: NarrativeSnapshot | null, b: NarrativeSnapshot | null): boolean {
  return sameJson(a, b);
}

/**
 * True when the text of `entry` was written against other numbers than the form now has, or its
 * cell no longer exists, so it should be reread before the form is handed in.
 */
export function isStale(entry: { snapshot: NarrativeSnapshot | null }, form: Form, report: ScoreReport): boolean {
  const written = entry.snapshot;
  if (written === null) return true;
  const path: NarrativePath = written.kind === 'deviation' ? deviationPath(written.index) : 'goals.actual';
  const now = narrativeSnapshot(form, report, path);
  return now === null || !sameSnapshot(written, now);
}

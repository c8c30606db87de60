/**
 * What a narrative text was written against. A 偏差原因 text explains one row's numbers and a
 * 实际完成情况 text sums up the funding and every row's result; when those inputs or their scores
 * change after the text was saved, the text may no longer be true and is marked stale.
 */
import { z } from 'zod';
import type { Form, NarrativePath } from '../schema/form.js';
import type { ScoreReport } from '../schema/report.js';
import { narrativeRowIndex } from './paths.js';

const cell = z.string().nullable();
const amount = z.number().nullable();

export const DeviationSnapshotSchema = z.object({
  kind: z.literal('deviation'),
  index: z.number().int(),
  target: cell,
  actual: cell,
  weight: amount,
  /** The row's 得分 as self-assessed on the form. */
  selfScore: amount,
  ruleScore: amount,
  /** The final score in the report. */
  score: amount,
  flags: z.array(z.string()),
});

const FundingRowSnapshotSchema = z.object({ initial: amount, annual: amount, executed: amount }).nullable();

export const GoalsSnapshotSchema = z.object({
  kind: z.literal('goals'),
  unit: z.string(),
  funding: z.object({
    total: FundingRowSnapshotSchema,
    appropriation: FundingRowSnapshotSchema,
    carryover: FundingRowSnapshotSchema,
    other: FundingRowSnapshotSchema,
  }),
  /** 核定总分 of the report. */
  total: z.number(),
  /** 实际完成值 of every row, in order. */
  actuals: z.array(cell),
});

export const NarrativeSnapshotSchema = z.discriminatedUnion('kind', [DeviationSnapshotSchema, GoalsSnapshotSchema]);

export type DeviationSnapshot = z.infer<typeof DeviationSnapshotSchema>;
export type GoalsSnapshot = z.infer<typeof GoalsSnapshotSchema>;
export type NarrativeSnapshot = z.infer<typeof NarrativeSnapshotSchema>;

type FundingRowLike = { initial?: number | null; annual?: number | null; executed?: number | null } | null | undefined;

function fundingRow(row: FundingRowLike): z.infer<typeof FundingRowSnapshotSchema> {
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
  const path: NarrativePath = written.kind === 'deviation' ? `indicators.${written.index}.deviation` : 'goals.actual';
  const now = narrativeSnapshot(form, report, path);
  return now === null || !sameSnapshot(written, now);
}

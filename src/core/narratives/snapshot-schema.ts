/**
 * The schemas of a narrative snapshot (what a text was written against, snapshot.ts): stored with
 * every saved text and documented in the API. Apart from the functions so the page can compute
 * and compare snapshots without loading zod.
 */
import { z } from 'zod';

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

export const FundingRowSnapshotSchema = z.object({ initial: amount, annual: amount, executed: amount }).nullable();

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
export type FundingRowSnapshot = z.infer<typeof FundingRowSnapshotSchema>;

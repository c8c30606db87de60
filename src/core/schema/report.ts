/**
 * The score report: the public output contract of `shared/domain/form-format.md` §2.
 */
import { z } from 'zod';
import { GRADES } from './choices.js';
import { FLAGS } from './flags.js';

/** A row flag (flags.ts holds the list and the labels). */
export const FlagSchema = z.enum(FLAGS);

export const SeveritySchema = z.enum(['error', 'warning', 'info']);

export const ReportIssueSchema = z.object({
  severity: SeveritySchema,
  path: z.string(),
  code: z.string(),
  message: z.string(),
});

export const IndicatorKindSchema = z.enum([
  'positive',
  'reverse',
  'equal',
  'range',
  'deadline',
  'qualitative',
  'unscorable',
]);

export const IndicatorResultSchema = z.object({
  index: z.number().int(),
  name: z.string(),
  kind: IndicatorKindSchema,
  ruleScore: z.number().nullable(),
  selfScore: z.number().nullable(),
  score: z.number(),
  weight: z.number().nullable(),
  needsExplanation: z.boolean(),
  flags: z.array(FlagSchema),
  explanation: z.string(),
  /** actual / target for numeric rows (1 = exactly met), when both could be read. */
  completion: z.number().nullable().optional(),
  /** The grade used for a qualitative or late deadline row. */
  grade: z.enum(GRADES).nullable().optional(),
});

export const FundingResultSchema = z.object({
  rate: z.number().nullable(),
  ruleScore: z.number().nullable(),
  selfScore: z.number().nullable(),
  score: z.number(),
  weight: z.number(),
  budget: z.number().nullable().optional(),
  executed: z.number().nullable().optional(),
  needsExplanation: z.boolean().optional(),
  explanation: z.string(),
});

export const ScoreReportSchema = z.object({
  profile: z.string(),
  total: z.number(),
  selfTotal: z.number().nullable(),
  grade: z.string(),
  funding: FundingResultSchema,
  indicators: z.array(IndicatorResultSchema),
  issues: z.array(ReportIssueSchema),
});

export type Severity = z.infer<typeof SeveritySchema>;
export type ReportIssue = z.infer<typeof ReportIssueSchema>;
export type IndicatorKind = z.infer<typeof IndicatorKindSchema>;
export type IndicatorResult = z.infer<typeof IndicatorResultSchema>;
export type FundingResult = z.infer<typeof FundingResultSchema>;
export type ScoreReport = z.infer<typeof ScoreReportSchema>;

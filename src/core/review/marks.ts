/**
 * Setting 审核得分/审核意见 (issue #12): the request shape and the checks against the form reviewed.
 * A row's 审核得分 cannot exceed the row's 分值 (财预〔2020〕10号: an indicator scores at most its
 * weight); the form's cannot exceed 100.
 */
import { z } from 'zod';
import { ZipingError, type FieldIssue } from '../errors.js';
import { MAX_ROWS } from '../limits.js';
import type { Form } from '../schema/form.js';
import { rowNumber } from '../schema/row-number.js';
import { ReviewCommentSchema, ReviewRowSchema, ReviewScoreSchema, type ReviewMark, type ReviewRow } from './record.js';

const MarkInput = z.object({ score: ReviewScoreSchema.optional(), comment: ReviewCommentSchema.optional() });

/** The marks a reviewer sends: every row's (the list replaces the stored one) and the form's. */
export const ReviewMarksInputSchema = z.object({
  rows: z
    .array(ReviewRowSchema.partial({ score: true, comment: true }))
    .max(MAX_ROWS)
    .optional(),
  overall: MarkInput.optional(),
});
export type ReviewMarksInput = z.infer<typeof ReviewMarksInputSchema>;

/** The marks to store: rows sorted by index, empty rows left out. */
export interface CleanMarks {
  rows: ReviewRow[];
  overall: ReviewMark;
}

const markOf = (m: { score?: number | null; comment?: string } | undefined): ReviewMark => ({
  score: m?.score ?? null,
  comment: (m?.comment ?? '').trim(),
});

/** Row issues: an index past the form's rows, a repeated index, a score above the row's 分值. */
function rowIssues(rows: ReviewRow[], form: Form): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const seen = new Set<number>();
  rows.forEach((row, i) => {
    const path = `rows.${i}`;
    const indicator = form.indicators[row.index];
    if (!indicator) {
      issues.push({ path: `${path}.index`, code: 'out_of_range', message: `第 ${rowNumber(row.index)} 行指标不存在` });
    } else if (row.score !== null && typeof indicator.weight === 'number' && row.score > indicator.weight) {
      const message = `第 ${rowNumber(row.index)} 行审核得分 ${row.score} 超过该指标分值 ${indicator.weight}`;
      issues.push({ path: `${path}.score`, code: 'too_big', message });
    }
    if (seen.has(row.index)) {
      issues.push({ path: `${path}.index`, code: 'duplicate', message: `第 ${rowNumber(row.index)} 行重复出现` });
    }
    seen.add(row.index);
  });
  return issues;
}

/** The marks of `input` checked against `form`; throws `invalid_request` listing every bad field. */
export function checkMarks(input: ReviewMarksInput, form: Form, current: CleanMarks): CleanMarks {
  const rows = input.rows ? input.rows.map((r) => ({ index: r.index, ...markOf(r) })) : current.rows;
  const issues = rowIssues(rows, form);
  if (issues.length > 0) throw new ZipingError('invalid_request', issues[0]!.message, { issues });
  return {
    rows: rows.filter((r) => r.score !== null || r.comment !== '').sort((a, b) => a.index - b.index),
    overall: input.overall ? markOf(input.overall) : current.overall,
  };
}

/**
 * What is kept about the review of one form (issue #12), beside the form and never in it: the
 * status, 审核得分/审核意见 per indicator row and for the whole form, and every transition with who,
 * when and why. A reviewer never changes the unit's figures or text.
 */
import { z } from 'zod';
import { MAX_ROWS, MAX_WEIGHT, REVIEW_LIMITS } from '../limits.js';
import { ReviewActionSchema, ReviewStatusSchema } from './schemas.js';

const isoTime = z.iso.datetime({ offset: true });
/** At most 6 decimals, like the form's own scores. */
const fewDecimals = (v: number) => Number(v.toFixed(6)) === v;

/** A 审核得分: 0–100 (a row's is also checked against its 分值 by checkMarks). */
export const ReviewScoreSchema = z
  .number()
  .min(0, '审核得分不能为负数')
  .max(MAX_WEIGHT, `审核得分不能超过 ${MAX_WEIGHT}`)
  .refine(fewDecimals, '审核得分最多 6 位小数')
  .nullable();

/** A 审核意见. */
export const ReviewCommentSchema = z
  .string()
  .max(REVIEW_LIMITS.maxCommentChars, `审核意见不能超过 ${REVIEW_LIMITS.maxCommentChars} 个字符`);

/** 审核得分 and 审核意见 of the whole form. */
export const ReviewMarkSchema = z.object({ score: ReviewScoreSchema, comment: ReviewCommentSchema });
export type ReviewMark = z.infer<typeof ReviewMarkSchema>;

/** 审核得分 and 审核意见 of one indicator row, by its index in `form.indicators` (from 0). */
export const ReviewRowSchema = ReviewMarkSchema.extend({
  index: z
    .number()
    .int()
    .min(0)
    .max(MAX_ROWS - 1),
});
export type ReviewRow = z.infer<typeof ReviewRowSchema>;

/** One reason of a return. */
export const ReasonSchema = z
  .string()
  .max(REVIEW_LIMITS.maxReasonChars, `每条理由不能超过 ${REVIEW_LIMITS.maxReasonChars} 个字符`);

/** One step of the workflow. */
export const ReviewTransitionSchema = z.object({
  action: ReviewActionSchema,
  from: ReviewStatusSchema,
  to: ReviewStatusSchema,
  by: z.string(),
  at: isoTime,
  /** The form version the action was taken on. */
  formVersion: z.number().int().min(1),
  reasons: z.array(ReasonSchema).max(REVIEW_LIMITS.maxReasons),
});
export type ReviewTransition = z.infer<typeof ReviewTransitionSchema>;

export const ReviewRecordSchema = z.object({
  formId: z.string().min(1),
  status: ReviewStatusSchema,
  /** Counts the saves of this review; 0 when nothing is stored yet (a 草稿). */
  revision: z.number().int().min(0),
  /** The form version last submitted; null before the first submission. */
  formVersion: z.number().int().min(1).nullable(),
  rows: z.array(ReviewRowSchema).max(MAX_ROWS),
  overall: ReviewMarkSchema,
  transitions: z.array(ReviewTransitionSchema).max(REVIEW_LIMITS.maxTransitions),
  updatedAt: isoTime.nullable(),
});
export type ReviewRecord = z.infer<typeof ReviewRecordSchema>;

/** The review of a form nobody has submitted yet. */
export function emptyReview(formId: string): ReviewRecord {
  return {
    formId,
    status: 'draft',
    revision: 0,
    formVersion: null,
    rows: [],
    overall: { score: null, comment: '' },
    transitions: [],
    updatedAt: null,
  };
}

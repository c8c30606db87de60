/**
 * What the API returns for a form's review (issue #12): the stored record, the status label, and
 * what this caller may do next (the page shows only those buttons).
 */
import { z } from '@hono/zod-openapi';
import { can, type Actor } from '../../core/access/index.js';
import {
  actionsFrom,
  isLocked,
  MARKING,
  REVIEW_STATUS_LABELS,
  ReviewActionSchema,
  ReviewRecordSchema,
  TRANSITIONS,
  type ReviewRecord,
} from '../../core/review/index.js';

export const ReviewViewSchema = ReviewRecordSchema.extend({
  statusLabel: z.string().openapi({ description: '状态的中文名：草稿、已提交、已退回、已通过' }),
  locked: z.boolean().openapi({ description: '填报单位此时不能修改表单（已提交或已通过）' }),
  actions: z.array(ReviewActionSchema).openapi({ description: '当前用户此时可以做的流转：submit、return、accept' }),
  canMark: z.boolean().openapi({ description: '当前用户此时可以填写审核得分和审核意见' }),
}).openapi('Review', { description: '表单的审核：状态、逐行与整表的审核得分和审核意见、流转记录' });
export type ReviewView = z.output<typeof ReviewViewSchema>;

/** The view of `record` for `actor` on a form of `unit`. */
export function reviewView(record: ReviewRecord, actor: Actor, unit: string): ReviewView {
  return {
    ...record,
    statusLabel: REVIEW_STATUS_LABELS[record.status],
    locked: isLocked(record.status),
    actions: actionsFrom(record.status).filter((a) => can(actor, TRANSITIONS[a].right, unit)),
    canMark: MARKING.in.includes(record.status) && can(actor, MARKING.right, unit),
  };
}

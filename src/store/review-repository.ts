/**
 * The storage port of reviews (issue #12): one ReviewRecord per form, beside the form (never in it).
 * Stores are dumb: the workflow's rules are in src/core/review; a store only keeps records and
 * refuses a save whose revision is not the next one (`version_conflict`), so two reviewers or a
 * reviewer and a unit acting at once cannot both win.
 */
import { ZipingError } from '../core/errors.js';
import { emptyReview, ReviewRecordSchema, type ReviewRecord } from '../core/review/record.js';
import type { ReviewStatus } from '../core/review/status.js';
import { deepFreeze } from './form-document.js';

export type { ReviewRecord } from '../core/review/record.js';

export interface ReviewRepository {
  /** The review of form `formId`; an empty 草稿 review (revision 0) when none is stored. */
  get(formId: string): Promise<ReviewRecord>;
  /** The status of each form in `formIds` (草稿 for forms without a review). */
  statuses(formIds: readonly string[]): Promise<Record<string, ReviewStatus>>;
  /** Stores `next` if the stored revision is `next.revision − 1`; else `version_conflict`. */
  save(next: ReviewRecord): Promise<ReviewRecord>;
  /** Forgets the review of a deleted form (nothing when there is none). */
  remove(formId: string): Promise<void>;
  /** Releases what the store holds. */
  close(): Promise<void>;
}

/** `version_conflict` for a review changed by someone else since it was read. */
export function reviewConflict(formId: string, expected: number, current: number): ZipingError {
  return new ZipingError(
    'version_conflict',
    `审核记录已被他人更新（表单 ${formId}，第 ${current} 次修改），请重新载入后再操作。`,
    { details: { id: formId, expectedRevision: expected, currentRevision: current } },
  );
}

/** Checks a record before it is stored (`invalid_request` for a record the schema refuses). */
export function checkedReview(record: ReviewRecord): ReviewRecord {
  const result = ReviewRecordSchema.safeParse(record);
  if (!result.success) throw new ZipingError('invalid_request', `审核记录无效：${result.error.issues[0]?.message}`);
  if (record.revision < 1) throw new ZipingError('invalid_request', '审核记录的修改次数应从 1 起');
  return deepFreeze(structuredClone(record));
}

/** The statuses of `formIds` from the stored records found (`draft` for the rest). */
export function statusesOf(formIds: readonly string[], found: ReadonlyMap<string, ReviewStatus>) {
  return Object.fromEntries(formIds.map((id) => [id, found.get(id) ?? 'draft'])) as Record<string, ReviewStatus>;
}

/** The record to hand out for `formId` when none is stored. */
export function noReview(formId: string): ReviewRecord {
  return deepFreeze(emptyReview(formId));
}

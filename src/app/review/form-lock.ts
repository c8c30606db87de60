/**
 * A submitted or accepted form is read-only for its unit (issue #12). One guard, run by the access
 * check (form-guard.ts) on every form route: a route that needs the `edit` right (save, delete,
 * drafts, chat) is refused with 423 `form_locked` while the form's review status locks it. Reading,
 * exporting and the review routes themselves are not edits and stay open.
 */
import { ZipingError } from '../../core/errors.js';
import { isLocked, REVIEW_STATUS_LABELS, type ReviewStatus } from '../../core/review/status.js';
import type { ReviewRepository } from '../../store/review-repository.js';
import type { FormGuard } from '../access/form-guard.js';

/** `form_locked` for a form in `status`. */
export function formLocked(id: string, status: ReviewStatus): ZipingError {
  const why = status === 'accepted' ? '已审核通过' : '已提交审核，等待审核人退回或通过';
  return new ZipingError(
    'form_locked',
    `自评表${why}（状态：${REVIEW_STATUS_LABELS[status]}），填报单位暂不能修改、起草或删除。`,
    { details: { id, status } },
  );
}

/** The guard refusing edits of locked forms (423 `form_locked`). */
export function formLockGuard(reviews: ReviewRepository): FormGuard {
  return async ({ formId, right }) => {
    if (right !== 'edit') return;
    const { status } = await reviews.get(formId);
    if (isLocked(status)) throw formLocked(formId, status);
  };
}

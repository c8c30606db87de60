/**
 * A submitted or accepted form is read-only for its unit (issue #12). One middleware decides, from
 * the access table: every route that needs the `edit` right on a form (save, delete, drafts, chat)
 * is refused with 423 `form_locked` while the form's review status locks it. Reading, exporting and
 * the review routes themselves are not edits and stay open.
 */
import type { MiddlewareHandler } from 'hono';
import { routePath } from 'hono/route';
import { ZipingError } from '../../core/errors.js';
import { isLocked, REVIEW_STATUS_LABELS, type ReviewStatus } from '../../core/review/status.js';
import type { ReviewRepository } from '../../store/review-repository.js';
import { policyOf } from '../access/policy.js';
import type { AppEnv } from '../app-env.js';

/** `form_locked` for a form in `status`. */
export function formLocked(id: string, status: ReviewStatus): ZipingError {
  const why = status === 'accepted' ? '已审核通过' : '已提交审核，等待审核人退回或通过';
  return new ZipingError(
    'form_locked',
    `自评表${why}（状态：${REVIEW_STATUS_LABELS[status]}），填报单位暂不能修改、起草或删除。`,
    { details: { id, status } },
  );
}

/** Throws `form_locked` when form `id` may not change now. */
export async function assertEditable(reviews: ReviewRepository, id: string): Promise<void> {
  const { status } = await reviews.get(id);
  if (isLocked(status)) throw formLocked(id, status);
}

/** True when the route about to answer changes a form's own figures or text. */
function isFormEdit(method: string, path: string): boolean {
  const access = policyOf(method, path)?.access;
  return access?.kind === 'form' && access.right === 'edit';
}

/** Refuses edits of locked forms; mount on `/api/forms/*`. */
export function refuseLockedForms(reviews: ReviewRepository): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (isFormEdit(c.req.method, routePath(c, -1))) {
      // `/api/forms/:id/…`: the id is the fourth segment of every form route
      const id = decodeURIComponent(c.req.path.split('/')[3] ?? '');
      await assertEditable(reviews, id);
    }
    await next();
  };
}

/**
 * The review status of a form (issue #12): 草稿 → 已提交 → 已退回 / 已通过. The JSON uses the English
 * codes; people see the Chinese labels, from this one table (the page and the exports import it).
 */
/** Status codes, in the order a form goes through them. */
export const REVIEW_STATUSES = ['draft', 'submitted', 'returned', 'accepted'] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

/** The one label table. */
export const REVIEW_STATUS_LABELS: Readonly<Record<ReviewStatus, string>> = {
  draft: '草稿',
  submitted: '已提交',
  returned: '已退回',
  accepted: '已通过',
};

/**
 * Statuses in which the unit may not change the form (issue #12: "a submitted form is read-only
 * for its unit until it is returned"); an accepted form stays as it was accepted.
 */
const LOCKED: ReadonlySet<ReviewStatus> = new Set<ReviewStatus>(['submitted', 'accepted']);

/** True when the unit's figures and text may not change in `status`. */
export function isLocked(status: ReviewStatus): boolean {
  return LOCKED.has(status);
}

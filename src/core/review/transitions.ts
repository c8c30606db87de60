/**
 * The review workflow as one table (issue #12): which action moves a form from which status to
 * which, and the right (src/core/access/rights.ts) the actor needs on the form's unit. Setting
 * 审核得分/审核意见 is not a transition; it needs `review` and is allowed while the form is submitted.
 */
import type { Right } from '../access/rights.js';
import { ZipingError } from '../errors.js';
import { REVIEW_STATUS_LABELS, type ReviewStatus } from './status.js';

export const REVIEW_ACTIONS = ['submit', 'return', 'accept'] as const;
export type ReviewAction = (typeof REVIEW_ACTIONS)[number];

/** What people call each action (buttons, history, errors). */
export const REVIEW_ACTION_LABELS: Readonly<Record<ReviewAction, string>> = {
  submit: '提交审核',
  return: '退回',
  accept: '通过',
};

export interface Transition {
  from: readonly ReviewStatus[];
  to: ReviewStatus;
  right: Right;
  /** True when the action must give reasons (a return tells the unit what to fix). */
  needsReasons: boolean;
}

/** The one transition table. A returned form is resubmitted with `submit`. */
export const TRANSITIONS: Readonly<Record<ReviewAction, Transition>> = {
  submit: { from: ['draft', 'returned'], to: 'submitted', right: 'submit', needsReasons: false },
  return: { from: ['submitted'], to: 'returned', right: 'review', needsReasons: true },
  accept: { from: ['submitted'], to: 'accepted', right: 'review', needsReasons: false },
};

/** Setting 审核得分/审核意见: the right it needs and the statuses it is allowed in. */
export const MARKING: { right: Right; in: readonly ReviewStatus[] } = { right: 'review', in: ['submitted'] };

/** The status `action` leads to from `status`; throws `invalid_transition` when the table has no such move. */
export function nextStatus(status: ReviewStatus, action: ReviewAction): ReviewStatus {
  const transition = TRANSITIONS[action];
  if (!transition.from.includes(status)) {
    throw new ZipingError(
      'invalid_transition',
      `表单当前为“${REVIEW_STATUS_LABELS[status]}”，不能${REVIEW_ACTION_LABELS[action]}` +
        `（只有${transition.from.map((s) => `“${REVIEW_STATUS_LABELS[s]}”`).join('或')}的表单可以）`,
      { details: { status, action } },
    );
  }
  return transition.to;
}

/** The actions possible from `status` (the page shows their buttons). */
export function actionsFrom(status: ReviewStatus): ReviewAction[] {
  return REVIEW_ACTIONS.filter((action) => TRANSITIONS[action].from.includes(status));
}

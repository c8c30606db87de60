/**
 * The pure steps of a review (issue #12): a transition by the table, and new marks. Both return a
 * new record with the next revision; the repository stores it only if the revision read is current.
 */
import { ZipingError } from '../errors.js';
import { REVIEW_LIMITS } from '../limits.js';
import type { Form } from '../schema/form.js';
import { checkMarks, type ReviewMarksInput } from './marks.js';
import type { ReviewRecord } from './record.js';
import { REVIEW_STATUS_LABELS } from './status.js';
import { MARKING, nextStatus, TRANSITIONS, type ReviewAction } from './transitions.js';

export interface TransitionRequest {
  action: ReviewAction;
  /** Who acts (history name). */
  by: string;
  at: Date;
  /** The form's current version. */
  formVersion: number;
  reasons?: readonly string[];
}

/** Reasons trimmed, empty ones dropped; a return without one is refused (the unit must know what to fix). */
function reasonsFor(action: ReviewAction, given: readonly string[] = []): string[] {
  const reasons = given.map((r) => r.trim()).filter((r) => r !== '');
  if (TRANSITIONS[action].needsReasons && reasons.length === 0) {
    const message = '退回时必须写明理由（reasons，至少一条）';
    throw new ZipingError('invalid_request', message, { issues: [{ path: 'reasons', code: 'required', message }] });
  }
  return reasons;
}

/**
 * Accepting passes the version the unit submitted, nothing else: a save that raced the submission
 * (it passed the lock check just before) would otherwise be accepted unseen. Returning stays open,
 * so such a form can always go back to its unit.
 */
function checkAcceptedVersion(record: ReviewRecord, request: TransitionRequest): void {
  if (request.action !== 'accept' || record.formVersion === null || record.formVersion === request.formVersion) return;
  throw new ZipingError(
    'version_conflict',
    `表单提交时为第 ${record.formVersion} 版，现在是第 ${request.formVersion} 版：请查看改动后退回或重新提交，不能直接通过`,
    { details: { submittedVersion: record.formVersion, currentVersion: request.formVersion } },
  );
}

/** The record after `request`; throws `invalid_transition` for a move the table does not have. */
export function applyTransition(record: ReviewRecord, request: TransitionRequest): ReviewRecord {
  const to = nextStatus(record.status, request.action);
  checkAcceptedVersion(record, request);
  const step = {
    action: request.action,
    from: record.status,
    to,
    by: request.by,
    at: request.at.toISOString(),
    formVersion: request.formVersion,
    reasons: reasonsFor(request.action, request.reasons),
  };
  const transitions = [...record.transitions, step].slice(-REVIEW_LIMITS.maxTransitions);
  return {
    ...record,
    status: to,
    revision: record.revision + 1,
    formVersion: request.action === 'submit' ? request.formVersion : record.formVersion,
    transitions,
    updatedAt: step.at,
  };
}

/** The record with new 审核得分/审核意见; only while the form is submitted (`invalid_transition` else). */
export function applyMarks(record: ReviewRecord, input: ReviewMarksInput, form: Form, at: Date): ReviewRecord {
  if (!MARKING.in.includes(record.status)) {
    throw new ZipingError(
      'invalid_transition',
      `表单当前为“${REVIEW_STATUS_LABELS[record.status]}”，只有已提交的表单可以填写审核得分和审核意见`,
      { details: { status: record.status, action: 'review' } },
    );
  }
  const marks = checkMarks(input, form, record);
  return { ...record, ...marks, revision: record.revision + 1, updatedAt: at.toISOString() };
}

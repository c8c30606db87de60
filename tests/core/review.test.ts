/**
 * The review workflow's pure rules (issue #12): the transition table with the right each move
 * needs, reasons required to return, resubmission after return, the lock, and 审核得分 checked
 * against the form's rows (a row scores at most its 分值, 财预〔2020〕10号).
 */
import { describe, expect, it } from 'vitest';
import { can, type Actor } from '../../src/core/access/index.js';
import {
  actionsFrom,
  applyMarks,
  applyTransition,
  emptyReview,
  isLocked,
  nextStatus,
  REVIEW_ACTIONS,
  REVIEW_STATUSES,
  REVIEW_STATUS_LABELS,
  TRANSITIONS,
  type ReviewAction,
  type ReviewRecord,
  type ReviewStatus,
} from '../../src/core/review/index.js';
import type { ZipingError } from '../../src/core/errors.js';
import { seedForm } from '../support/seed-forms.js';

const at = new Date('2024-04-01T08:00:00.000Z');
const step = (r: ReviewRecord, action: ReviewAction, reasons?: string[]) =>
  applyTransition(r, { action, by: '测试', at, formVersion: 1, reasons });

/** Every status × action: the status it leads to, or null when the table has no such move. */
const MOVES: [ReviewStatus, ReviewAction, ReviewStatus | null][] = [
  ['draft', 'submit', 'submitted'],
  ['draft', 'return', null],
  ['draft', 'accept', null],
  ['submitted', 'submit', null],
  ['submitted', 'return', 'returned'],
  ['submitted', 'accept', 'accepted'],
  ['returned', 'submit', 'submitted'],
  ['returned', 'return', null],
  ['returned', 'accept', null],
  ['accepted', 'submit', null],
  ['accepted', 'return', null],
  ['accepted', 'accept', null],
];

describe('review transition table', () => {
  it('covers every status and action once', () => {
    expect(MOVES).toHaveLength(REVIEW_STATUSES.length * REVIEW_ACTIONS.length);
  });

  it.each(MOVES)('%s + %s → %s', (from, action, to) => {
    if (to) {
      expect(nextStatus(from, action)).toBe(to);
      expect(actionsFrom(from)).toContain(action);
    } else {
      const error = (() => {
        try {
          nextStatus(from, action);
        } catch (e) {
          return e as ZipingError;
        }
        throw new Error('no error');
      })();
      expect(error.code).toBe('invalid_transition');
      expect(error.message).toContain(REVIEW_STATUS_LABELS[from]);
      expect(actionsFrom(from)).not.toContain(action);
    }
  });

  const filler: Actor = { kind: 'user', userId: 'f', name: '填报', unit: '财政局/科委', role: 'filler' };
  const reviewer: Actor = { kind: 'user', userId: 'r', name: '审核', unit: '财政局', role: 'reviewer' };
  it('asks submit of the unit (填报人) and return/accept of a reviewer above (审核人)', () => {
    expect(Object.fromEntries(REVIEW_ACTIONS.map((a) => [a, TRANSITIONS[a].right]))).toEqual({
      submit: 'submit',
      return: 'review',
      accept: 'review',
    });
    const may = (actor: Actor) => REVIEW_ACTIONS.filter((a) => can(actor, TRANSITIONS[a].right, '财政局/科委'));
    expect(may(filler)).toEqual(['submit']);
    expect(may(reviewer)).toEqual(['return', 'accept']);
  });

  it('locks the form while submitted or accepted only', () => {
    expect(REVIEW_STATUSES.filter(isLocked)).toEqual(['submitted', 'accepted']);
  });

  it('requires reasons to return, trims them, and keeps who, when and which version', () => {
    const submitted = step(emptyReview('f1'), 'submit');
    for (const reasons of [undefined, [], ['', '  ']]) {
      expect(() => step(submitted, 'return', reasons)).toThrow(/退回时必须写明理由/);
    }
    const returned = step(submitted, 'return', ['  第7行偏差原因未说明  ', '']);
    expect(returned.transitions.at(-1)).toEqual({
      action: 'return',
      from: 'submitted',
      to: 'returned',
      by: '测试',
      at: at.toISOString(),
      formVersion: 1,
      reasons: ['第7行偏差原因未说明'],
    });
    const resubmitted = applyTransition(returned, { action: 'submit', by: '填报', at, formVersion: 2 });
    expect([resubmitted.status, resubmitted.formVersion, resubmitted.revision]).toEqual(['submitted', 2, 3]);
  });

  it('accepts only the version that was submitted; a form saved after its submission can still be returned', () => {
    const submitted = step(emptyReview('f1'), 'submit');
    const later = { by: '审核', at, formVersion: 2 };
    expect(() => applyTransition(submitted, { action: 'accept', ...later })).toThrow(/提交时为第 1 版，现在是第 2 版/);
    const returned = applyTransition(submitted, { action: 'return', ...later, reasons: ['提交后又被修改'] });
    expect(returned.status).toBe('returned');
    expect(applyTransition(submitted, { action: 'accept', ...later, formVersion: 1 }).status).toBe('accepted');
  });
});

describe('审核得分 and 审核意见', () => {
  const form = seedForm();
  const submitted = step(emptyReview('f1'), 'submit');

  it('stores marks sorted by row, drops empty rows, keeps the form-level mark', () => {
    const marked = applyMarks(
      submitted,
      {
        rows: [
          { index: 5, score: 3, comment: ' 学者人数超出上限 ' },
          { index: 1, score: null, comment: '' },
          { index: 0, score: 5 },
        ],
        overall: { score: 86.5, comment: '较好' },
      },
      form,
      at,
    );
    expect(marked.rows).toEqual([
      { index: 0, score: 5, comment: '' },
      { index: 5, score: 3, comment: '学者人数超出上限' },
    ]);
    expect(marked.overall).toEqual({ score: 86.5, comment: '较好' });
    // Only the form-level mark: the rows stay
    expect(applyMarks(marked, { overall: { comment: '改' } }, form, at).rows).toEqual(marked.rows);
  });

  const bad: [string, Parameters<typeof applyMarks>[1], string][] = [
    [
      'a score above the row 分值 (row 6, 支持智源学者, is worth 3)',
      { rows: [{ index: 5, score: 3.5 }] },
      '超过该指标分值 3',
    ],
    ['a row the form does not have', { rows: [{ index: 40, score: 1 }] }, '第 41 行指标不存在'],
    [
      'the same row twice',
      {
        rows: [
          { index: 2, score: 1 },
          { index: 2, comment: '再' },
        ],
      },
      '第 3 行重复出现',
    ],
  ];
  it.each(bad)('refuses %s', (_name, input, message) => {
    expect(() => applyMarks(submitted, input, form, at)).toThrow(message);
  });

  it.each(['draft', 'returned', 'accepted'] as const)('refuses marks while %s', (status) => {
    const record = { ...submitted, status };
    expect(() => applyMarks(record, { overall: { score: 1 } }, form, at)).toThrow(/只有已提交的表单/);
  });
});

/**
 * 审核得分 and 审核意见 beside each indicator row (issue #12): two columns added to the editor's
 * indicator table, inputs for a reviewer who may mark, plain text for everyone else. The table
 * rebuilds its rows when rows are added or moved; the columns are added again each time.
 */
import { MAX_WEIGHT, REVIEW_LIMITS } from '../core/limits.js';
import { h } from './dom.js';
import type { ReviewView } from './review-api.js';

/** The marks typed into the columns, by row index. */
export type RowMarks = { index: number; score: number | null; comment: string }[];

const COLUMN_CLASS = 'review-col';

function scoreText(score: number | null | undefined): string {
  return score === null || score === undefined ? '' : String(score);
}

/** The two cells of row `i`. */
function rowCells(i: number, mark: ReviewView['rows'][number] | undefined, editable: boolean): HTMLElement[] {
  const n = i + 1;
  if (!editable) {
    return [
      h('td', { class: `${COLUMN_CLASS} c-num`, text: scoreText(mark?.score) }),
      h('td', { class: `${COLUMN_CLASS} c-review`, text: mark?.comment ?? '' }),
    ];
  }
  const score = h('input', {
    class: 'review-score',
    attrs: {
      type: 'number',
      min: 0,
      max: MAX_WEIGHT,
      step: 'any',
      'aria-label': `第${n}行 审核得分`,
      'data-review-row': i,
    },
  });
  score.value = scoreText(mark?.score);
  const label = `第${n}行 审核意见`;
  const comment = h('textarea', {
    attrs: { rows: 2, maxlength: REVIEW_LIMITS.maxCommentChars, 'aria-label': label, 'data-review-row': i },
  });
  comment.classList.add('review-comment');
  comment.value = mark?.comment ?? '';
  return [h('td', { class: `${COLUMN_CLASS} c-num` }, score), h('td', { class: `${COLUMN_CLASS} c-review` }, comment)];
}

/** Adds the review columns to `table` (the editor's `table.indicators`), replacing earlier ones. */
export function showReviewColumns(table: HTMLTableElement, review: ReviewView, editable: boolean): void {
  for (const old of table.querySelectorAll(`.${COLUMN_CLASS}`)) old.remove();
  const headOps = table.tHead?.querySelector('th.c-ops');
  headOps?.before(
    h('th', { class: `${COLUMN_CLASS} c-num`, attrs: { scope: 'col' }, text: '审核得分' }),
    h('th', { class: `${COLUMN_CLASS} c-review`, attrs: { scope: 'col' }, text: '审核意见' }),
  );
  const marks = new Map(review.rows.map((r) => [r.index, r]));
  for (const row of table.querySelectorAll<HTMLTableRowElement>('tbody tr.row')) {
    const i = Number(row.dataset.row);
    row.querySelector('td.c-ops')?.before(...rowCells(i, marks.get(i), editable));
  }
  for (const cell of table.querySelectorAll<HTMLTableCellElement>('tbody tr.detail > td[colspan]')) {
    cell.colSpan = (table.tHead?.rows[0]?.cells.length ?? cell.colSpan) as number;
  }
}

/** The marks in the columns' inputs (rows left empty are not sent). */
export function typedRowMarks(table: HTMLTableElement): RowMarks {
  const marks: RowMarks = [];
  for (const score of table.querySelectorAll<HTMLInputElement>('input.review-score')) {
    const index = Number(score.dataset.reviewRow);
    const comment = table.querySelector<HTMLTextAreaElement>(`textarea.review-comment[data-review-row="${index}"]`);
    const text = comment?.value.trim() ?? '';
    const value = score.value.trim() === '' ? null : Number(score.value);
    if (value !== null || text !== '') marks.push({ index, score: value, comment: text });
  }
  return marks;
}

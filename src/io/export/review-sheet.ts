/**
 * The review of a form as a grid beside the 自评表 (issue #12): one line per 绩效指标 row with its
 * 分值 and 自评得分 from the form and the reviewer's 审核得分 and 审核意见, the form-level marks, and
 * every transition with who, when and why. Same 12 columns as form-sheet.ts, so the .xlsx and .docx
 * writers render it as they render the 自评表; the official layout itself is left untouched.
 */
import { printedScores, type Form, type ScoreReport } from '../../core/index.js';
import {
  REVIEW_ACTION_LABELS,
  REVIEW_STATUS_LABELS,
  type ReviewMark,
  type ReviewRecord,
} from '../../core/review/index.js';
import type { CellKind, FormSheet, SheetCell } from './form-sheet.js';
import { SHEET_WIDTHS } from './text-fit.js';

const COLUMNS = SHEET_WIDTHS.length;
/** Columns: 指标 (4) · 分值 · 自评得分 · 审核得分 · 审核意见 (5). */
const HEADS = [
  [0, 4, '绩效指标'],
  [4, 1, '分值'],
  [5, 1, '自评得分'],
  [6, 1, '审核得分'],
  [7, 5, '审核意见'],
] as const;

/** True when a form's review has anything to show (it was submitted at least once). */
export function hasReview(review: ReviewRecord | null | undefined): review is ReviewRecord {
  return !!review && review.revision > 0;
}

/** `2024-04-01 16:00` in China time (UTC+8), as the people who read the file write dates. */
function chinaTime(iso: string): string {
  return new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
}

/** The review grid of `form` (scores from `report`). */
export function buildReviewSheet(form: Form, report: ScoreReport, review: ReviewRecord): FormSheet {
  const cells: SheetCell[] = [];
  let row = 0;
  const put = (col: number, colSpan: number, kind: CellKind, value: SheetCell['value']) =>
    cells.push({ row, col, rowSpan: 1, colSpan, kind, value });
  const line = (label: string, weight: number | null, self: number | null, mark: ReviewMark | undefined) => {
    put(0, 4, 'text', label);
    put(4, 1, 'weight', weight);
    put(5, 1, 'score', self);
    put(6, 1, 'score', mark?.score ?? null);
    put(7, 5, 'narrative', mark?.comment ?? '');
    row++;
  };
  put(0, COLUMNS, 'title', '审核意见');
  row++;
  const version = review.formVersion ? ` · 审核的是第 ${review.formVersion} 版` : '';
  put(0, COLUMNS, 'subtitle', `（${form.project.name} · 状态：${REVIEW_STATUS_LABELS[review.status]}${version}）`);
  row++;
  const headerRow = row;
  for (const [col, span, text] of HEADS) put(col, span, 'label', text);
  row++;
  const printed = printedScores(form, report);
  const marks = new Map(review.rows.map((r) => [r.index, r]));
  form.indicators.forEach((indicator, i) => {
    const weight = typeof indicator.weight === 'number' ? indicator.weight : null;
    line(`${i + 1}. ${indicator.name}`, weight, printed.rows[i] ?? null, marks.get(i));
  });
  line('整表', printed.weightTotal, printed.total, review.overall);
  put(0, COLUMNS, 'label', '审核流转记录');
  row++;
  for (const step of review.transitions) {
    put(0, 4, 'text', `${chinaTime(step.at)} ${step.by}`);
    put(
      4,
      3,
      'text',
      `${REVIEW_ACTION_LABELS[step.action]}（${REVIEW_STATUS_LABELS[step.to]}，第 ${step.formVersion} 版）`,
    );
    put(7, 5, 'narrative', step.reasons.join('\n'));
    row++;
  }
  return { title: '审核意见', cells, rowCount: row, widths: SHEET_WIDTHS, headerRow };
}

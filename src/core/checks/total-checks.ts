/**
 * Totals a reviewer re-adds: the printed 自评总分 against the sum of its rows.
 */
import { sum } from '../decimal.js';
import type { Form } from '../schema/form.js';
import type { ReportIssue } from '../schema/report.js';

/** Sum of the form's own self scores (funding and rows), or null when none is given. */
export function selfScoreSum(form: Form): number | null {
  const scores = [form.funding?.total?.score, ...form.indicators.map((r) => r.score)].filter((v): v is number => typeof v === 'number');
  return scores.length === 0 ? null : sum(scores);
}

/** Issue when the printed 自评总分 differs from the sum of its rows. */
export function checkSelfTotal(form: Form): ReportIssue[] {
  const rows = selfScoreSum(form);
  if (form.selfTotal == null || rows == null || Math.abs(rows - form.selfTotal) < 0.005) return [];
  return [{ severity: 'error', path: 'selfTotal', code: 'self-total-mismatch', message: `自评总分${form.selfTotal}分不等于各项自评得分合计${rows}分` }];
}

/**
 * Totals a reviewer re-adds: the printed 自评总分 against the 得分 column of the form.
 */
import { DecimalTally } from '../decimal.js';
import type { Form } from '../schema/form.js';
import type { ReportIssue } from '../schema/report.js';

/** The final scores of a scored form, used where the form leaves a 得分 cell empty. */
export interface FinalScores {
  funding: number;
  rows: readonly number[];
}

const isNumber = (v: unknown): v is number => typeof v === 'number';

/**
 * 自评总分 as the 得分 column adds up (财预〔2020〕10号: 总分由各项指标得分汇总形成, the 预算执行率
 * score included): each self score, or the final score where the form gives none — the funding
 * 得分 is usually computed, not typed. Null when the form gives no self score at all.
 */
export function selfScoreSum(form: Form, finals?: FinalScores): number | null {
  // One pass, no list: each given score, or (with `finals`) the final score where none is given
  const total = new DecimalTally();
  let given = false;
  for (let i = -1; i < form.indicators.length; i += 1) {
    const value = i < 0 ? form.funding?.total?.score : form.indicators[i]!.score;
    if (isNumber(value)) {
      given = true;
      total.add(value);
    } else if (finals) total.add((i < 0 ? finals.funding : finals.rows[i]) ?? 0);
  }
  return given ? total.value : null;
}

/** Issue when the printed 自评总分 differs from the 得分 column it totals. */
export function checkSelfTotal(form: Form, finals?: FinalScores): ReportIssue[] {
  // No printed total, nothing to compare: the sum is not taken (scoreForm takes it for the report)
  if (form.selfTotal == null) return [];
  const rows = selfScoreSum(form, finals);
  if (rows == null || Math.abs(rows - form.selfTotal) < 0.005) return [];
  return [
    {
      severity: 'error',
      path: 'selfTotal',
      code: 'self-total-mismatch',
      message: `自评总分${form.selfTotal}分不等于各项自评得分合计${rows}分`,
    },
  ];
}

/**
 * The 得分 column and 总分 row as the form prints them (print view, .xlsx, .docx): one home, so
 * every printed total is the score report's own. 财预〔2020〕10号: 总分由各项指标得分汇总形成, the
 * 预算执行率 score included.
 */
import { sum } from '../decimal.js';
import type { Form } from '../schema/form.js';
import type { ScoreReport } from '../schema/report.js';

export interface PrintedScores {
  /** 分值 of 预算执行率 (the form's, or the profile's). */
  fundingWeight: number;
  /** 得分 of 预算执行率: the self score, else the final score. */
  funding: number;
  /** 得分 per indicator row: the self score, else the final score; null for a template row. */
  rows: (number | null)[];
  /** 总分 · 分值: 预算执行率 and every row. */
  weightTotal: number;
  /** 总分 · 得分: the report's 自评总分, or its 核定总分 when the form gives no self score. */
  total: number;
}

/** The scores a printed form shows, taken from the score report (never re-added). */
export function printedScores(form: Form, report: ScoreReport): PrintedScores {
  const rows = form.indicators.map((row, i) => {
    const result = report.indicators[i];
    if (result?.flags.includes('template-row')) return null;
    return row.score ?? result?.score ?? null;
  });
  const weights = form.indicators.map((r) => r.weight).filter((w): w is number => typeof w === 'number');
  return {
    fundingWeight: report.funding.weight,
    funding: form.funding?.total?.score ?? report.funding.score,
    rows,
    weightTotal: sum([report.funding.weight, ...weights]),
    total: report.selfTotal ?? report.total,
  };
}

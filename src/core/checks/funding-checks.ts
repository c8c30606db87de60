/**
 * The funding block as a reviewer reads it: rows that add up, nothing spent above budget,
 * a reason where the profile demands one (四川: 执行率未达到90%的需说明原因).
 */
import { sameAt2 } from '../decimal.js';
import { isFillerText } from '../parse/placeholder.js';
import { subRowSum } from '../scoring/funding-score.js';
import { FUNDING_ROW_NAMES } from '../schema/choices.js';
import type { Form, FundingRow } from '../schema/form.js';
import type { FundingResult, ReportIssue } from '../schema/report.js';

const FIELDS: [keyof FundingRow, string][] = [
  ['initial', '年初预算数'],
  ['annual', '全年预算数'],
  ['executed', '全年执行数'],
];

/** The 年度资金总额 figures the 其中 rows do not add up to, onto `issues` (index loops: no entry arrays unpacked). */
function rowsMismatches(funding: NonNullable<Form['funding']>, issues: ReportIssue[]): void {
  for (let i = 0; i < FIELDS.length; i += 1) {
    const [field, name] = FIELDS[i]!;
    const total = funding.total?.[field];
    // No total, nothing to add up: the 其中 rows are not read
    if (total == null || total === 0) continue;
    const partsSum = subRowSum(funding, field);
    // Equal at 2 places: within 0.005 of the total
    if (partsSum === null || sameAt2(partsSum, total)) continue;
    issues.push({
      severity: 'warning',
      path: `funding.total.${field}`,
      code: 'funding-rows-mismatch',
      message: `年度资金总额的${name}${total}不等于“其中”各行合计${partsSum}`,
    });
  }
}

/** Funding rows that spent more than their budget, onto `issues`. */
function overspent(funding: NonNullable<Form['funding']>, issues: ReportIssue[]): void {
  for (let i = 0; i < FUNDING_ROW_NAMES.length; i += 1) {
    const [key, name] = FUNDING_ROW_NAMES[i]!;
    const row = funding[key];
    if (!row || row.executed == null || row.annual == null || !(row.executed > row.annual)) continue;
    issues.push({
      severity: 'warning',
      path: `funding.${key}.executed`,
      code: 'executed-above-budget',
      message: `${name}全年执行数${row.executed}超过全年预算数${row.annual}`,
    });
  }
}

/** Issues about the funding rows (not about the score, which funding-score reports). */
export function checkFunding(form: Form, result: FundingResult): ReportIssue[] {
  const funding = form.funding;
  if (!funding) return [{ severity: 'error', path: 'funding', code: 'funding-missing', message: '缺少项目资金情况' }];
  const issues: ReportIssue[] = [];
  rowsMismatches(funding, issues);
  overspent(funding, issues);
  if (result.needsExplanation && isFillerText(funding.reason)) {
    issues.push({
      severity: 'error',
      path: 'funding.reason',
      code: 'exec-reason-missing',
      message: `预算执行率${((result.rate ?? 0) * 100).toFixed(2)}%低于本口径要求，须说明原因`,
    });
  }
  return issues;
}

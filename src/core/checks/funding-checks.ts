/**
 * The funding block as a reviewer reads it: rows that add up, nothing spent above budget,
 * a reason where the profile demands one (四川: 执行率未达到90%的需说明原因).
 */
import { dec, scaled } from '../decimal.js';
import { isFillerText } from '../parse/placeholder.js';
import type { Form, FundingRow } from '../schema/form.js';
import type { FundingResult, ReportIssue } from '../schema/report.js';

const FIELDS: [keyof FundingRow, string][] = [
  ['initial', '年初预算数'],
  ['annual', '全年预算数'],
  ['executed', '全年执行数'],
];
const ROWS = [
  ['total', '年度资金总额'],
  ['appropriation', '当年财政拨款'],
  ['carryover', '上年结转资金'],
  ['other', '其他资金'],
] as const;

/** Below 10^15 hundredths a sum's decimal text has at most 15 digits, so a JS number writes it as big.js does. */
const EXACT_HUNDREDTHS = 1e15;

/** `values` added in hundredths when each has at most 2 places and every sum stays below 10^15, else null. */
function hundredthsOf(values: readonly number[]): number | null {
  let units = 0;
  for (const value of values) {
    const n = scaled(value, 2);
    if (n === null || Math.abs(units + n) >= EXACT_HUNDREDTHS) return null;
    units += n;
  }
  return units;
}

/**
 * The sum of `parts` as big.js writes it when it differs from `total` by more than 0.005, else null.
 * Amounts with at most 2 places are added in hundredths, exactly and without big.js (issue #9).
 */
function rowsDiffer(parts: readonly number[], total: number): string | null {
  const units = hundredthsOf(parts);
  const totalUnits = hundredthsOf([total]);
  // Two counts of hundredths within 0.005 of each other are equal
  if (units !== null && totalUnits !== null) return units === totalUnits ? null : String(units / 100);
  const sum = parts.reduce((a, v) => a.plus(v), dec(0));
  return sum.minus(total).abs().lte('0.005') ? null : sum.toString();
}

/** Issues about the funding rows (not about the score, which funding-score reports). */
export function checkFunding(form: Form, result: FundingResult): ReportIssue[] {
  const funding = form.funding;
  if (!funding) return [{ severity: 'error', path: 'funding', code: 'funding-missing', message: '缺少项目资金情况' }];
  const issues: ReportIssue[] = [];
  const subRows = (['appropriation', 'carryover', 'other'] as const)
    .map((k) => funding[k])
    .filter((r): r is FundingRow => r != null);

  for (const [field, name] of FIELDS) {
    const total = funding.total?.[field];
    const parts = subRows.map((r) => r[field]).filter((v): v is number => typeof v === 'number');
    if (parts.length === 0 || total == null || total === 0) continue;
    const partsSum = rowsDiffer(parts, total);
    if (partsSum !== null) {
      issues.push({
        severity: 'warning',
        path: `funding.total.${field}`,
        code: 'funding-rows-mismatch',
        message: `年度资金总额的${name}${total}不等于“其中”各行合计${partsSum}`,
      });
    }
  }

  for (const [key, name] of ROWS) {
    const row = funding[key];
    if (!row) continue;
    if (row.executed != null && row.annual != null && row.executed > row.annual) {
      issues.push({
        severity: 'warning',
        path: `funding.${key}.executed`,
        code: 'executed-above-budget',
        message: `${name}全年执行数${row.executed}超过全年预算数${row.annual}`,
      });
    }
  }

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

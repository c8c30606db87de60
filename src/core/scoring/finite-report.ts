/**
 * The last guard before a report is returned or stored: every number in it is finite. Two rows of
 * weight 1e308 once made the total Infinity, stored as `null`, and the store refused to start
 * (issue #8). The schema's limits keep that from happening; this check makes sure it never does.
 */
import { ZipingError } from '../errors.js';
import type { FundingResult, IndicatorResult, ScoreReport } from '../schema/report.js';

/** The dotted path of the first non-finite number in `value`, or null. */
export function firstNonFinite(value: unknown, path = ''): string | null {
  if (typeof value === 'number') return Number.isFinite(value) ? null : path || '(根)';
  if (value === null || typeof value !== 'object') return null;
  const entries: [string, unknown][] = Array.isArray(value)
    ? value.map((v, i) => [String(i), v])
    : Object.entries(value as Record<string, unknown>);
  for (const [key, item] of entries) {
    const found = firstNonFinite(item, path ? `${path}.${key}` : key);
    if (found) return found;
  }
  return null;
}

/** True for a non-finite number; null and absent are no number. */
const bad = (x: number | null | undefined): boolean => x != null && !Number.isFinite(x);

/** Every number field of the funding result (report.ts FundingResultSchema). */
function fundingFinite(f: FundingResult): boolean {
  return !(
    bad(f.rate) ||
    bad(f.ruleScore) ||
    bad(f.selfScore) ||
    bad(f.score) ||
    bad(f.weight) ||
    bad(f.budget) ||
    bad(f.executed)
  );
}

/** Every number field of a row result (report.ts IndicatorResultSchema). */
function rowFinite(r: IndicatorResult): boolean {
  return !(bad(r.index) || bad(r.ruleScore) || bad(r.selfScore) || bad(r.score) || bad(r.weight) || bad(r.completion));
}

/**
 * True when every number of the report is finite: its number fields read by name (issues hold only
 * text), not a walk of every key of every object (the check of every scoring, issue #9). The test
 * lists every number field of the report schema, requires real reports that fill each one, and sets
 * each in turn to Infinity, so a number field added to the schema and not read here fails it.
 */
function reportFinite(report: ScoreReport): boolean {
  if (bad(report.total) || bad(report.selfTotal) || !fundingFinite(report.funding)) return false;
  for (const row of report.indicators) if (!rowFinite(row)) return false;
  return true;
}

/** Returns `report` unchanged, or throws `non_finite_number` naming the first bad number. */
export function assertFiniteReport(report: ScoreReport): ScoreReport {
  if (reportFinite(report)) return report;
  const path = firstNonFinite(report) ?? '(根)';
  const message = `评分结果中的 ${path} 不是有限数，请检查分值与金额；未保存任何内容`;
  throw new ZipingError('non_finite_number', message, {
    issues: [{ path, code: 'non_finite_number', message: `${path} 不是有限数` }],
  });
}

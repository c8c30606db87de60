/**
 * The last guard before a report is returned or stored: every number in it is finite. Two rows of
 * weight 1e308 once made the total Infinity, stored as `null`, and the store refused to start
 * (issue #8). The schema's limits keep that from happening; this check makes sure it never does.
 */
import { ZipingError } from '../errors.js';
import type { ScoreReport } from '../schema/report.js';

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

/** True unless `value` is a non-finite number; objects and arrays are looked into. */
function finite(value: unknown): boolean {
  if (typeof value === 'number') return Number.isFinite(value);
  return value === null || typeof value !== 'object' || allFinite(value);
}

/** True when every number in the object or array `value` is finite (the check of every scoring: no paths built). */
function allFinite(value: object): boolean {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i += 1) if (!finite(value[i])) return false;
    return true;
  }
  for (const key in value)
    if (Object.hasOwn(value, key) && !finite((value as Record<string, unknown>)[key])) return false;
  return true;
}

/** Returns `report` unchanged, or throws `non_finite_number` naming the first bad number. */
export function assertFiniteReport(report: ScoreReport): ScoreReport {
  if (allFinite(report)) return report;
  const path = firstNonFinite(report) ?? '(根)';
  const message = `评分结果中的 ${path} 不是有限数，请检查分值与金额；未保存任何内容`;
  throw new ZipingError('non_finite_number', message, {
    issues: [{ path, code: 'non_finite_number', message: `${path} 不是有限数` }],
  });
}

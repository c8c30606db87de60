/**
 * The row being scored, as every row scorer sees it: one object per form, moved from row to row
 * (issue #9: no per-row context, input or issue-list objects). Issues go straight onto the report's
 * list with their final paths, in the order the rules meet them.
 */
import { type Num, num } from '../fast-decimal.js';
import { indicatorCellPath } from '../narratives/paths.js';
import type { RuleProfile } from '../profiles/types.js';
import type { Indicator } from '../schema/form.js';
import type { ReportIssue, Severity } from '../schema/report.js';
import { type ProfileNums, profileNums } from './profile-nums.js';

export interface RowContext {
  row: Indicator;
  index: number;
  /** The row's 分值; the rule scorers see only rows that have one (0 until then). */
  weight: number;
  /** The same 分值 as a decimal once a rule asks for it (`wOf`), made at most once per row. */
  w: Num | null;
  profile: RuleProfile;
  nums: ProfileNums;
  /** The report's issues, shared by every row. */
  issues: ReportIssue[];
  /** How many errors the row has been given so far. */
  errors: number;
}

/** A context for the rows of one form at row `index`, its issues going onto `issues`; `at` moves it on. */
export function rowContext(profile: RuleProfile, issues: ReportIssue[], row: Indicator, index: number): RowContext {
  const ctx = { row, index, weight: 0, w: null, profile, nums: profileNums(profile.settings), issues, errors: 0 };
  return at(ctx, row, index);
}

/** Moves `ctx` to row `index`. */
export function at(ctx: RowContext, row: Indicator, index: number): RowContext {
  ctx.row = row;
  ctx.index = index;
  ctx.weight = row.weight ?? 0;
  ctx.w = null;
  ctx.errors = 0;
  return ctx;
}

/** The row's 分值 as a decimal. */
export function wOf(ctx: RowContext): Num {
  ctx.w ??= num(ctx.weight);
  return ctx.w;
}

/** An issue on the row's cell `field` (`indicators.N.field`). */
export function note(ctx: RowContext, severity: Severity, field: string, code: string, message: string): void {
  ctx.issues.push({ severity, path: indicatorCellPath(ctx.index, field), code, message });
  if (severity === 'error') ctx.errors += 1;
}

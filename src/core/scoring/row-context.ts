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
  /** The row being scored: its 分值 is read from it, never copied (`wOf`). */
  row: Indicator;
  index: number;
  /** The row's 分值 as a decimal once a rule asks for it (`wOf`), made at most once per row. */
  w: Num | null;
  profile: RuleProfile;
  nums: ProfileNums;
  /** The report's issues, shared by every row. */
  issues: ReportIssue[];
  /** How many errors the row has been given so far. */
  errors: number;
}

/** Where a context stands before `at` first moves it to a row. */
const NO_ROW: Indicator = Object.freeze({ level1: '', name: '' });

/** A context for the rows of one form, its issues going onto `issues`; `at` moves it to each row. */
export function rowContext(profile: RuleProfile, issues: ReportIssue[]): RowContext {
  return { row: NO_ROW, index: -1, w: null, profile, nums: profileNums(profile.settings), issues, errors: 0 };
}

/** Moves `ctx` to row `index`. */
export function at(ctx: RowContext, row: Indicator, index: number): RowContext {
  ctx.row = row;
  ctx.index = index;
  ctx.w = null;
  ctx.errors = 0;
  return ctx;
}

/** The row's 分值 as a decimal (0 for a row without one). */
export function wOf(ctx: RowContext): Num {
  ctx.w ??= num(ctx.row.weight ?? 0);
  return ctx.w;
}

/** An issue on the row's cell `field` (`indicators.N.field`). */
export function note(ctx: RowContext, severity: Severity, field: string, code: string, message: string): void {
  ctx.issues.push({ severity, path: indicatorCellPath(ctx.index, field), code, message });
  if (severity === 'error') ctx.errors += 1;
}

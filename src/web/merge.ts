/**
 * Three-way merge of a form after a version conflict: what I typed since I read version `base`,
 * against what someone else saved since. Fields only one side changed are taken from that side;
 * fields both changed differently are conflicts the user decides. Pure, so it is unit-tested.
 */
import { DEFAULT_FUNDING_UNIT } from '../core/schema/choices.js';
import type { FormInput } from '../core/index.js';
import { clone, flatten, getAt, setAt } from './form-paths.js';

export interface MergeConflict {
  path: string;
  base: unknown;
  mine: unknown;
  theirs: unknown;
}

export interface MergeResult {
  /** The merge with every conflict resolved as "mine". */
  merged: FormInput;
  conflicts: MergeConflict[];
  /** Fields only they changed (taken into the merge). */
  theirChanges: string[];
  /** Fields only I changed (kept). */
  myChanges: string[];
}

const FUNDING_ROWS = ['total', 'appropriation', 'carryover', 'other'] as const;

/** Empty text, null and a missing field mean the same blank cell; funding rows are compared cell by cell. */
function normalized(form: FormInput): FormInput {
  const copy = clone(form) as FormInput & { funding?: Record<string, unknown> };
  copy.funding ??= { unit: DEFAULT_FUNDING_UNIT } as never;
  const funding = copy.funding as Record<string, unknown>;
  for (const row of FUNDING_ROWS) funding[row] ??= { initial: null, annual: null, executed: null, score: null };
  copy.goals ??= {};
  return copy;
}

const blank = (v: unknown): unknown => (v === undefined || v === '' ? null : v);
/** Equal as cells: blank text equals null, and nested values compare leaf by leaf. */
function same(a: unknown, b: unknown): boolean {
  if (a !== null && b !== null && typeof a === 'object' && typeof b === 'object') {
    const fa = flatten(a);
    const fb = flatten(b);
    for (const key of new Set([...fa.keys(), ...fb.keys()])) if (!same(fa.get(key), fb.get(key))) return false;
    return true;
  }
  return JSON.stringify(blank(a)) === JSON.stringify(blank(b));
}

function denormalize(form: FormInput): FormInput {
  const funding = form.funding as Record<string, unknown> | undefined;
  if (funding) {
    for (const row of FUNDING_ROWS) {
      const value = funding[row] as Record<string, unknown> | null;
      if (row !== 'total' && value && Object.values(value).every((v) => v === null || v === undefined))
        funding[row] = null;
    }
  }
  return form;
}

/** A merge being built: the merged copy (mine at first) and what was found so far. */
interface MergeState extends Omit<MergeResult, 'merged'> {
  merged: Record<string, unknown>;
}

/** Rows added, removed or reordered cannot be matched cell by cell: the indicator table merges as one unit. */
function mergeTable(base: FormInput, mine: FormInput, theirs: FormInput, state: MergeState): void {
  const mineChanged = !same(mine.indicators, base.indicators);
  const theirsChanged = !same(theirs.indicators, base.indicators);
  if (mineChanged && theirsChanged && !same(mine.indicators, theirs.indicators)) {
    state.conflicts.push({
      path: 'indicators',
      base: base.indicators,
      mine: mine.indicators,
      theirs: theirs.indicators,
    });
    state.myChanges.push('indicators');
  } else if (theirsChanged) {
    state.merged.indicators = clone(theirs.indicators);
    state.theirChanges.push('indicators');
  } else if (mineChanged) {
    state.myChanges.push('indicators');
  }
}

/** Merges one field: theirs when only they changed it, mine when only I did, a conflict when both differ. */
function mergeCell(path: string, values: [unknown, unknown, unknown], state: MergeState): void {
  const [bv, mv, tv] = values;
  if (same(mv, tv)) return;
  if (same(mv, bv)) {
    setAt(state.merged, path, tv === undefined ? null : tv);
    state.theirChanges.push(path);
  } else if (same(tv, bv)) {
    state.myChanges.push(path);
  } else {
    state.conflicts.push({ path, base: bv ?? null, mine: mv ?? null, theirs: tv ?? null });
  }
}

/** Merges `mine` and `theirs`, both edited from `base`. */
export function mergeForms(baseForm: FormInput, mineForm: FormInput, theirsForm: FormInput): MergeResult {
  const base = normalized(baseForm);
  const mine = normalized(mineForm);
  const theirs = normalized(theirsForm);
  const state: MergeState = { merged: clone(mine) as never, conflicts: [], theirChanges: [], myChanges: [] };
  const sameShape =
    base.indicators.length === mine.indicators.length && base.indicators.length === theirs.indicators.length;
  if (!sameShape) mergeTable(base, mine, theirs, state);
  const skip = (path: string) => !sameShape && (path === 'indicators' || path.startsWith('indicators.'));
  const [b, m, t] = [flatten(base), flatten(mine), flatten(theirs)];
  for (const path of new Set([...b.keys(), ...m.keys(), ...t.keys()]))
    if (!skip(path)) mergeCell(path, [b.get(path), m.get(path), t.get(path)], state);
  const { merged, ...found } = state;
  return { merged: denormalize(merged as unknown as FormInput), ...found };
}

/** The merge with the user's choice for each conflict (default: mine). */
export function resolveMerge(result: MergeResult, theirsFor: ReadonlySet<string>): FormInput {
  const out = clone(result.merged) as unknown as Record<string, unknown>;
  for (const conflict of result.conflicts) {
    if (theirsFor.has(conflict.path)) setAt(out, conflict.path, clone(conflict.theirs));
  }
  return denormalize(out as unknown as FormInput);
}

/** A value as one line for the conflict list. */
export function describeValue(value: unknown): string {
  if (value === null || value === undefined || value === '') return '（空）';
  if (Array.isArray(value)) return `${value.length} 行指标`;
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** The value at a path, for the conflict dialog. */
export const valueAt = getAt;

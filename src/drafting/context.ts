/**
 * Everything a drafter and the checks know about one narrative cell, computed from the form and
 * its score report: the row's outcome, the numbers a text may use (and where each comes from),
 * the facts it must state, the user's notes. Pure.
 *
 * What only the checks need (every row, the allowed numbers, the required facts, core's facts) is
 * computed when first read: a model drafter sends its prompt without them, and the checks compute
 * them once the answer is in (computing them while the model writes competes with the request
 * itself on the one thread).
 */
import { ZipingError } from '../core/errors.js';
import { factsOf as formFactsOf } from '../core/facts/form-facts.js';
import type { FormFacts } from '../core/facts/types.js';
import { isNarrativePath, narrativeRowIndex } from '../core/narratives/paths.js';
import { overAchievementRatio } from '../core/profiles/over-ratio.js';
import type { Form, NarrativePath } from '../core/schema/form.js';
import type { ScoreReport } from '../core/schema/report.js';
import { rowLabel } from '../core/schema/row-number.js';
import { allowedNumbers, type AllowedNumber } from './allowed-numbers.js';
import { parseNotes, type ParsedNotes } from './notes.js';
import { DEFAULT_MAX_CHARS } from './prompts.js';
import { requiredForGoals, requiredForRow, type RequiredFact } from './required-facts.js';
import { rowFacts, type RowFacts } from './row-facts.js';
import type { CellKind, DraftRequest, Outcome } from './types.js';

export type { AllowedNumber } from './allowed-numbers.js';
export type { RequiredFact } from './required-facts.js';
export { rowFacts, outcomeOf, type RowFacts } from './row-facts.js';
export { allowedNumbers } from './allowed-numbers.js';
export { KIND_LABELS, OUTCOME_LABELS } from './outcome-labels.js';
export { DEFAULT_OVER_RATIO } from '../core/profiles/over-ratio.js';

export interface CellFacts {
  path: NarrativePath;
  cell: CellKind;
  /** Row index for `indicators.N.deviation`, else null. */
  row: number | null;
  rowFacts: RowFacts | null;
  /** Facts of every row (the goals text sums them up). */
  rows: RowFacts[];
  outcome: Outcome;
  /** The profile requires text in this cell (always true for goals.actual). */
  needsText: boolean;
  maxChars: number;
  overAchievementRatio: number;
  allowed: AllowedNumber[];
  required: RequiredFact[];
  notes: ParsedNotes;
  /** The facts of the whole form, built once per scored form (core/facts). */
  core: FormFacts;
  /** What the user typed in the cell's chat: a source for figures and causes. */
  chat: string[];
}

/** The row index of a path, null for goals.actual; throws invalid_request on anything else. */
export function rowOfPath(path: string, form: Form): number | null {
  if (!isNarrativePath(path)) {
    throw new ZipingError('invalid_request', `无法起草 ${path}：只能起草 goals.actual 或 indicators.N.deviation`);
  }
  const row = narrativeRowIndex(path);
  if (row === null) return null;
  if (row >= form.indicators.length) {
    throw new ZipingError('invalid_request', `表中没有${rowLabel(row)}指标（${path}），共${form.indicators.length}行`);
  }
  return row;
}

export interface FactsOptions {
  maxChars?: number;
  overAchievementRatio?: number;
  /** Default limit when the request gives none (the template's `maxChars`). */
  defaultMaxChars?: number;
  /** What the user typed in the cell's chat. */
  chat?: readonly string[];
}

/** The cell's limit: the request's, else the default, else the cell kind's; at least 10. */
function limitOf(cell: CellKind, options: FactsOptions): number {
  const maxChars = options.maxChars ?? options.defaultMaxChars ?? DEFAULT_MAX_CHARS[cell];
  if (!Number.isInteger(maxChars) || maxChars < 10) {
    throw new ZipingError('invalid_request', `字数上限应为不小于10的整数，而不是 ${String(maxChars)}`);
  }
  return maxChars;
}

/** A value computed on first use, then kept. */
function once<T>(compute: () => T): () => T {
  let value: { v: T } | undefined;
  return () => {
    if (!value) value = { v: compute() };
    return value.v;
  };
}

/** The facts of one cell. Throws invalid_request for a path the form does not have. */
export function cellFacts(form: Form, report: ScoreReport, path: NarrativePath, options: FactsOptions = {}): CellFacts {
  const row = rowOfPath(path, form);
  const cell: CellKind = row === null ? 'goals' : 'deviation';
  const overRatio = options.overAchievementRatio ?? overAchievementRatio(report.profile);
  const rf = row === null ? null : rowFacts(form, report, row);
  const maxChars = limitOf(cell, options);
  const rows = once(() => form.indicators.map((_, i) => (i === row && rf ? rf : rowFacts(form, report, i))));
  const allowed = once(() => allowedNumbers(form, report, rows(), overRatio, row));
  const required = once(() => (rf ? (rf.needsText ? requiredForRow(rf) : []) : requiredForGoals(form, report)));
  const core = once(() => formFactsOf(form, report, { overRatio }));
  return {
    path,
    cell,
    row,
    rowFacts: rf,
    get rows() {
      return rows();
    },
    outcome: rf ? rf.outcome : 'generic',
    needsText: rf ? rf.needsText : true,
    maxChars,
    overAchievementRatio: overRatio,
    get allowed() {
      return allowed();
    },
    get required() {
      return required();
    },
    notes: parseNotes(rf ? rf.indicator.notes : form.goals?.notes),
    get core() {
      return core();
    },
    chat: [...(options.chat ?? [])],
  };
}

/**
 * `facts` with `patch` applied. Unlike a spread, what is computed on first use stays so (a
 * spread would compute everything now).
 */
export function withFacts(facts: CellFacts, patch: Partial<CellFacts>): CellFacts {
  const descriptors = { ...Object.getOwnPropertyDescriptors(facts), ...Object.getOwnPropertyDescriptors(patch) };
  return Object.defineProperties({}, descriptors) as CellFacts;
}

/** Shorthand from a draft request. */
export function factsOf(req: DraftRequest, defaultMaxChars?: number): CellFacts {
  return cellFacts(req.form, req.report, req.path, {
    maxChars: req.maxChars,
    overAchievementRatio: req.overAchievementRatio,
    defaultMaxChars,
  });
}

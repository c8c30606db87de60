/**
 * The figures a narrative cell may state and where each comes from (issue #13): the row's own
 * facts (a deviation cell) or every row (实际完成情况), the project's funding, total and year, and
 * numbers written in texts allowed to speak for the cell (its cells, notes, the existing text, chat).
 */
import type { FormFacts, IndicatorFacts } from '../../facts/types.js';
import type { Unit } from '../../parse/units.js';
import {
  eachCommonText,
  eachGoalsText,
  eachRowText,
  goalsExistingText,
  lentKnowns,
  rowExistingText,
  type Lent,
} from './lenders.js';
import { quantitiesOnce } from './read-once.js';
import { countSource, eachCount, eachProjectFact, projectSource, type ProjectGroup } from './project-figures.js';
import { eachRowFact, rowKnown } from './row-figures.js';

/**
 * A figure a text may use. `fact`: from the table or the report; `cell`: read in a cell of the
 * table (name, 指标值, 实际完成值); `text`: read in what a person wrote (notes, a cell's existing text, chat).
 */
export interface Known {
  value: number;
  unit: Unit | null;
  source: string;
  origin: 'fact' | 'cell' | 'text';
}

/** Numbers written in `text` (a chat message); scores are left out with `noScores`. */
function textKnowns(out: Known[], text: string, source: string, noScores: boolean): void {
  for (const q of quantitiesOnce(text, false)) {
    if (noScores && q.unit?.family === 'score') continue;
    out.push({ value: q.value, unit: q.unit, source, origin: 'text' });
  }
}

const PROJECT = new WeakMap<FormFacts, Readonly<Record<string, readonly Known[]>>>();

/** The project-level figures any cell may state: year, funding and execution, total, the over standard. */
export function projectKnowns(f: FormFacts): Readonly<Record<string, readonly Known[]>> {
  let known = PROJECT.get(f);
  if (!known) {
    known = buildProjectKnowns(f);
    PROJECT.set(f, known);
  }
  return known;
}

function buildProjectKnowns(f: FormFacts): Record<ProjectGroup, Known[]> {
  const out: Record<ProjectGroup, Known[]> = { budget: [], executed: [], 'execution-rate': [], total: [], other: [] };
  eachProjectFact(f, (group, value, unit, line, what) => {
    out[group].push({ value, unit, source: projectSource(line, what), origin: 'fact' });
  });
  return out;
}

export interface CellScope {
  /** Row of a deviation cell; null for 实际完成情况. */
  row: number | null;
  /** The cell's existing text may vouch (a draft); not when the text checked is that text. */
  ownText: boolean;
  chat: readonly string[];
}

const PROJECT_FLAT = new WeakMap<FormFacts, readonly Known[]>();
const COUNTS = new WeakMap<FormFacts, readonly Known[]>();

/** The project's figures as one list (origin `fact`). */
export function projectFlat(f: FormFacts): readonly Known[] {
  let flat = PROJECT_FLAT.get(f);
  if (!flat) {
    flat = Object.values(projectKnowns(f)).flat();
    PROJECT_FLAT.set(f, flat);
  }
  return flat;
}

/** The counts of `countKnowns`, built once per form's facts. */
export function countsOf(f: FormFacts): readonly Known[] {
  let counts = COUNTS.get(f);
  if (!counts) {
    counts = countKnowns(f);
    COUNTS.set(f, counts);
  }
  return counts;
}

/** The rows a cell speaks of: its own, or (row null, 实际完成情况) every row. */
export function rowsIn(f: FormFacts, row: number | null): readonly IndicatorFacts[] {
  if (row === null) return f.rows;
  const own = f.rows[row];
  return own?.index === row ? [own] : f.rows.filter((r) => r.index === row);
}

/** A row's table facts as Knowns. */
function rowFacts(out: Known[], r: IndicatorFacts): void {
  eachRowFact(r, (_, value, unit, what) => {
    out.push(rowKnown(r, value, unit, what));
  });
}

/** Every figure the cell may state. */
export function cellKnowns(f: FormFacts, scope: CellScope): Known[] {
  const out: Known[] = [...projectFlat(f)];
  const lend = (l: Lent) => {
    lentKnowns(out, l);
    return false;
  };
  eachCommonText(f, lend);
  for (const r of rowsIn(f, scope.row)) {
    rowFacts(out, r);
    eachRowText(r, lend);
    if (scope.row !== null && scope.ownText) rowExistingText(r, lend);
  }
  if (scope.row === null) {
    eachGoalsText(f, lend);
    if (scope.ownText) goalsExistingText(f, lend);
    for (const r of f.rows) rowExistingText(r, lend);
    out.push(...countsOf(f));
  }
  for (const t of scope.chat) textKnowns(out, t, '对话中用户提供', true);
  return out;
}

/** Counts a summary may state: rows in all and by 一级指标, those met, those needing an explanation. */
export function countKnowns(f: FormFacts): Known[] {
  const out: Known[] = [];
  eachCount(f, (value, unit, group, what) => {
    out.push({ value, unit, source: countSource(group, what), origin: 'fact' });
  });
  return out;
}

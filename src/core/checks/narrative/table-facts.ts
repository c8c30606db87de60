/**
 * The facts of the table and the report a narrative may state (origin `fact`), as columns (issue #9,
 * speed): the project's, each row's, then the counts, in the order the pool lists them. A row's facts
 * and the counts are read only when a cell asks for them (a deviation cell needs its own row only); a
 * search by value reads numbers, and only the fact it finds becomes a Known.
 */
import type { FormFacts } from '../../facts/types.js';
import type { Unit } from '../../parse/units.js';
import type { Known } from './knowns.js';
import {
  countSource,
  eachCount,
  eachProjectFact,
  projectSource,
  type CountSink,
  type ProjectSink,
} from './project-figures.js';
import { type FigureColumns, fillRowFigures, nthSlot, ROW_SLOTS, rowKnown } from './row-figures.js';

/** The columns a table is written in. */
export interface Columns {
  /** Every fact's value and unit, [0, size), written in place as they are read. */
  values: number[];
  units: (Unit | null)[];
  /** The claims each of the project's facts answers (PROJECT_CLAIM_BITS), [0, projectEnd). */
  bits: number[];
  /** Where each row's facts start and end (by position in `f.rows`; -1 until read), and its slots as bits. */
  rowStart: number[];
  rowEnd: number[];
  rowSlots: number[];
  /** The chains of the facts by value (value-index.ts): each fact's next in its chain, each chain's first. */
  next: number[];
  head: number[];
}

export interface TableFacts extends FigureColumns, Columns {
  readonly f: FormFacts;
  size: number;
  /** The project's facts: [0, projectEnd). */
  projectEnd: number;
  /** Where the counts start and end (-1 until read). */
  countsStart: number;
  countsEnd: number;
}

/** Empty columns. */
export const newColumns = (): Columns => ({
  values: [],
  units: [],
  bits: [],
  rowStart: [],
  rowEnd: [],
  rowSlots: [],
  next: [],
  head: [],
});

// The table the project's facts or the counts are read into: one sink each for every table, no closure per table
let reading: TableFacts | null = null;

function write(t: TableFacts, value: number, unit: Unit | null): void {
  t.values[t.size] = value;
  t.units[t.size] = unit;
  t.size++;
}

// No source is kept: only a fact an issue names needs one, and `factAt` finds it again
const PROJECT_SINK: ProjectSink = (_, value, unit, _line, _what, bits) => {
  reading!.bits[reading!.size] = bits;
  write(reading!, value, unit);
};
const COUNT_SINK: CountSink = (value, unit) => write(reading!, value, unit);

/**
 * A table of the form's facts with the project's read, written in `columns` (new ones by default),
 * kept by nothing: the score report's checks read one per report (a table kept in a WeakMap outlives
 * the young generation, and costs its GC).
 */
export function readTable(f: FormFacts, columns: Columns = newColumns()): TableFacts {
  const rows = f.rows.length;
  for (let r = 0; r < rows; r++) {
    columns.rowStart[r] = -1;
    columns.rowEnd[r] = -1;
    columns.rowSlots[r] = 0;
  }
  const t: TableFacts = { f, ...columns, size: 0, slots: 0, projectEnd: 0, countsStart: -1, countsEnd: -1 };
  reading = t;
  eachProjectFact(f, PROJECT_SINK);
  reading = null;
  t.projectEnd = t.size;
  return t;
}

const TABLES = new WeakMap<FormFacts, TableFacts>();

/** The form's table (`readTable`), kept per form's facts for checks that come back to them. */
export function tableFacts(f: FormFacts): TableFacts {
  let t = TABLES.get(f);
  if (!t) {
    t = readTable(f);
    TABLES.set(f, t);
  }
  return t;
}

/** Reads the facts of the rows at positions [from, to) in `f.rows`, each once. */
export function readRows(t: TableFacts, from: number, to: number): void {
  for (let at = from; at < to; at++) {
    if (t.rowStart[at]! >= 0) continue;
    t.rowStart[at] = t.size;
    fillRowFigures(t.f.rows[at]!, t);
    t.rowEnd[at] = t.size;
    t.rowSlots[at] = t.slots;
  }
}

/** Reads the counts, once. */
export function readCounts(t: TableFacts): void {
  if (t.countsStart >= 0) return;
  t.countsStart = t.size;
  reading = t;
  eachCount(t.f, COUNT_SINK);
  reading = null;
  t.countsEnd = t.size;
}

/** The source of the `n`th project fact (from 0), visited again: only a fact an issue names asks. */
function projectSourceAt(f: FormFacts, n: number): string {
  let seen = 0;
  let source = '';
  eachProjectFact(f, (_g, _v, _u, line, what) => {
    if (seen++ === n) source = projectSource(line, what);
  });
  return source;
}

/** The source of the `n`th count (from 0), visited again. */
function countSourceAt(f: FormFacts, n: number): string {
  let seen = 0;
  let source = '';
  eachCount(f, (_v, _u, group, what) => {
    if (seen++ === n) source = countSource(group, what);
  });
  return source;
}

/** The fact at `i` as a Known. */
export function factAt(t: TableFacts, i: number): Known {
  const value = t.values[i]!;
  const unit = t.units[i] ?? null;
  if (i < t.projectEnd) return { value, unit, source: projectSourceAt(t.f, i), origin: 'fact' };
  if (i >= t.countsStart && i < t.countsEnd) {
    return { value, unit, source: countSourceAt(t.f, i - t.countsStart), origin: 'fact' };
  }
  // a row fact: its row is the one whose facts hold `i` (looked for only to name a fact in a message)
  let at = 0;
  while (at < t.f.rows.length && !(t.rowStart[at]! >= 0 && i >= t.rowStart[at]! && i < t.rowEnd[at]!)) at++;
  const what = ROW_SLOTS[nthSlot(t.rowSlots[at]!, i - t.rowStart[at]!)]!.what;
  return rowKnown(t.f.rows[at]!, value, unit, what);
}

/** The position in `f.rows` of row `row` (rows are listed in order, so normally `row` itself); -1 if none. */
export function rowPosition(f: FormFacts, row: number): number {
  return f.rows[row]?.index === row ? row : f.rows.findIndex((r) => r.index === row);
}

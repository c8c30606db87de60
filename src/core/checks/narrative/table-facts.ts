/**
 * The facts of the table and the report a narrative may state (origin `fact`), as columns (issue #9,
 * speed): the project's, each row's, then the counts, in the order the pool lists them. A row's facts
 * and the counts are read only when a cell asks for them (a deviation cell needs its own row only); a
 * search by value reads numbers, and only the fact it finds becomes a Known.
 */
import type { FormFacts } from '../../facts/types.js';
import type { Unit } from '../../parse/units.js';
import type { Known } from './knowns.js';
import { eachCount, eachProjectFact, type CountSink, type ProjectSink } from './project-figures.js';
import { fillRowFigures, type FigureColumns, ROW_SLOTS, rowKnown, SLOTS } from './row-figures.js';

export interface TableFacts extends FigureColumns {
  readonly f: FormFacts;
  /** Every fact's value and unit; `codes`: a row fact's row position × SLOTS + its slot, -1 for the others. */
  values: number[];
  units: (Unit | null)[];
  codes: number[];
  /** The project's facts, [0, projectEnd): the claims each answers (PROJECT_CLAIM_BITS) and its source. */
  projectEnd: number;
  bits: number[];
  sources: string[];
  /** Where each row's facts start and end (by position in `f.rows`); -1 until read. */
  rowStart: number[];
  rowEnd: number[];
  /** Where the counts start and end (-1 until read), and their sources. */
  countsStart: number;
  countsEnd: number;
  countSources: string[];
}

// The table the project's facts or the counts are read into: one sink each for every table, no closure per table
let reading: TableFacts | null = null;
const PROJECT_SINK: ProjectSink = (_, value, unit, source, bits) => {
  const t = reading!;
  t.values.push(value);
  t.units.push(unit);
  t.codes.push(-1);
  t.bits.push(bits);
  t.sources.push(source);
};
const COUNT_SINK: CountSink = (value, unit, source) => {
  const t = reading!;
  t.values.push(value);
  t.units.push(unit);
  t.codes.push(-1);
  t.countSources.push(source);
};

/**
 * A table of the form's facts with the project's read, kept by nothing: the score report's checks
 * read one per report (a table kept in a WeakMap outlives the young generation, and costs its GC).
 */
export function readTable(f: FormFacts): TableFacts {
  const unread = new Array<number>(f.rows.length).fill(-1);
  const t: TableFacts = {
    f,
    values: [],
    units: [],
    codes: [],
    projectEnd: 0,
    bits: [],
    sources: [],
    rowStart: unread,
    rowEnd: unread.slice(),
    countsStart: -1,
    countsEnd: -1,
    countSources: [],
  };
  reading = t;
  eachProjectFact(f, PROJECT_SINK);
  reading = null;
  t.projectEnd = t.values.length;
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

/** Reads the facts of the row at position `at` in `f.rows`, once. */
export function rowFactsAt(t: TableFacts, at: number): void {
  if (t.rowStart[at]! >= 0) return;
  t.rowStart[at] = t.values.length;
  fillRowFigures(t.f.rows[at]!, t, at * SLOTS);
  t.rowEnd[at] = t.values.length;
}

/** Reads the counts, once. */
export function countFacts(t: TableFacts): void {
  if (t.countsStart >= 0) return;
  t.countsStart = t.values.length;
  reading = t;
  eachCount(t.f, COUNT_SINK);
  reading = null;
  t.countsEnd = t.values.length;
}

/** The fact at `i` as a Known. */
export function factAt(t: TableFacts, i: number): Known {
  const value = t.values[i]!;
  const unit = t.units[i] ?? null;
  if (i < t.projectEnd) return { value, unit, source: t.sources[i]!, origin: 'fact' };
  const code = t.codes[i]!;
  if (code < 0) return { value, unit, source: t.countSources[i - t.countsStart]!, origin: 'fact' };
  const at = Math.floor(code / SLOTS);
  return rowKnown(t.f.rows[at]!, value, unit, ROW_SLOTS[code - at * SLOTS]!.what);
}

/** The position in `f.rows` of row `row` (rows are listed in order, so normally `row` itself); -1 if none. */
export function rowPosition(f: FormFacts, row: number): number {
  return f.rows[row]?.index === row ? row : f.rows.findIndex((r) => r.index === row);
}

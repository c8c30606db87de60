/**
 * The facts of the table and the report a narrative may state (origin `fact`), as columns (issue #9,
 * speed): the project's, each row's, then the counts, in the order the pool lists them. A row's facts
 * and the counts are read only when a cell asks for them (a deviation cell needs its own row only);
 * a search by value reads numbers, and only the fact it finds becomes a Known.
 */
import type { FormFacts } from '../../facts/types.js';
import type { Unit } from '../../parse/units.js';
import type { Known } from './knowns.js';
import { eachCount, eachProjectFact } from './project-figures.js';
import { eachRowFact, rowKnown, type FigureSink, type RowClaim } from './row-figures.js';

export interface TableFacts {
  readonly f: FormFacts;
  /** Every fact's value, unit and (a row's) claim; '' for the project's and the counts. */
  values: number[];
  units: (Unit | null)[];
  claims: (RowClaim | 'date' | '')[];
  /** The position in `f.rows` of each fact's row; -1 for the project's and the counts. */
  rowAt: number[];
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

const TABLES = new WeakMap<FormFacts, TableFacts>();

function put(t: TableFacts, value: number, unit: Unit | null, claim: TableFacts['claims'][number], at = -1): void {
  t.values.push(value);
  t.units.push(unit);
  t.claims.push(claim);
  t.rowAt.push(at);
}

// The table and row a row's facts are read into: one sink for every table, no closure per table or row
let reading: TableFacts | null = null;
let readingAt = -1;
const ROW_SINK: FigureSink = (claim, value, unit) => put(reading!, value, unit, claim, readingAt);

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
    claims: [],
    rowAt: [],
    projectEnd: 0,
    bits: [],
    sources: [],
    rowStart: unread,
    rowEnd: unread.slice(),
    countsStart: -1,
    countsEnd: -1,
    countSources: [],
  };
  eachProjectFact(f, (_, value, unit, source, bits) => {
    put(t, value, unit, '');
    t.bits.push(bits);
    t.sources.push(source);
  });
  t.projectEnd = t.values.length;
  return t;
}

/** The form's table (`readTable`), kept per form's facts for checks that come back to them. */
export function tableFacts(f: FormFacts): TableFacts {
  let t = TABLES.get(f);
  if (!t) {
    t = readTable(f);
    TABLES.set(f, t);
  }
  return t;
}

/** Reads the facts of the row at position `at` in `f.rows`, once; returns where they start. */
export function rowFactsAt(t: TableFacts, at: number): number {
  if (t.rowStart[at]! >= 0) return t.rowStart[at]!;
  const start = t.values.length;
  reading = t;
  readingAt = at;
  eachRowFact(t.f.rows[at]!, ROW_SINK);
  reading = null;
  t.rowStart[at] = start;
  t.rowEnd[at] = t.values.length;
  return start;
}

/** Reads the counts, once; returns where they start. */
export function countFacts(t: TableFacts): number {
  if (t.countsStart >= 0) return t.countsStart;
  t.countsStart = t.values.length;
  eachCount(t.f, (value, unit, source) => {
    put(t, value, unit, '');
    t.countSources.push(source);
  });
  t.countsEnd = t.values.length;
  return t.countsStart;
}

/** The row fact at `i` (read from the row at `at`) as a Known: the row is read again for its name. */
function rowFactAt(t: TableFacts, at: number, i: number): Known {
  const row = t.f.rows[at]!;
  let k = t.rowStart[at]!;
  let what = '';
  eachRowFact(row, (_, __, ___, name) => {
    if (k++ === i) what = name;
  });
  return rowKnown(row, t.values[i]!, t.units[i] ?? null, what);
}

/** The fact at `i` as a Known. */
export function factAt(t: TableFacts, i: number): Known {
  const known = (source: string): Known => ({ value: t.values[i]!, unit: t.units[i] ?? null, source, origin: 'fact' });
  if (i < t.projectEnd) return known(t.sources[i]!);
  if (i >= t.countsStart && i < t.countsEnd) return known(t.countSources[i - t.countsStart]!);
  return rowFactAt(t, t.rowAt[i]!, i);
}

/** Appends [from, to) to flat `bounds`, joined to the last range when they meet. */
function addRange(bounds: number[], from: number, to: number): void {
  if (from === to) return;
  if (bounds.length > 0 && bounds[bounds.length - 1] === from) bounds[bounds.length - 1] = to;
  else bounds.push(from, to);
}

/** The position in `f.rows` of row `row` (rows are listed in order, so normally `row` itself); -1 if none. */
export function rowPosition(f: FormFacts, row: number): number {
  return f.rows[row]?.index === row ? row : f.rows.findIndex((r) => r.index === row);
}

/**
 * Where the row facts of a cell are (its row's, or with `row` null every row's), as flat
 * [from, to, from, to…] ranges in pool order; reads the rows not read yet.
 */
export function rowBounds(t: TableFacts, row: number | null): number[] {
  const bounds: number[] = [];
  if (row !== null) {
    const at = rowPosition(t.f, row);
    if (at >= 0) addRange(bounds, rowFactsAt(t, at), t.rowEnd[at]!);
    return bounds;
  }
  for (let at = 0; at < t.f.rows.length; at++) addRange(bounds, rowFactsAt(t, at), t.rowEnd[at]!);
  return bounds;
}

/** Where the facts a cell may state are, in pool order: the project's, its row's or every row's, the counts. */
export function cellBounds(t: TableFacts, rows: readonly number[], row: number | null): number[] {
  const bounds: number[] = [];
  addRange(bounds, 0, t.projectEnd);
  for (let i = 0; i < rows.length; i += 2) addRange(bounds, rows[i]!, rows[i + 1]!);
  if (row === null) addRange(bounds, countFacts(t), t.countsEnd);
  return bounds;
}

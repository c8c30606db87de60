/**
 * The facts of the table and the report a narrative may state (origin `fact`), as columns kept per
 * form's facts (issue #9, speed): the project's, each row's, then the counts, in the order the pool
 * lists them. A row's facts and the counts are read only when a cell asks for them (a deviation cell
 * needs its own row only); a search by value reads numbers, and only the fact it finds becomes a Known.
 */
import type { FormFacts, IndicatorFacts } from '../../facts/types.js';
import type { Unit } from '../../parse/units.js';
import type { Known } from './knowns.js';
import { eachCount, eachProjectFact } from './project-figures.js';
import { eachRowFact, rowKnown, type FigureSink, type RowClaim } from './row-figures.js';

export interface TableFacts {
  readonly f: FormFacts;
  values: number[];
  units: (Unit | null)[];
  /** A row's fact: the claim it answers; '' for the project's and the counts. */
  claims: (RowClaim | 'date' | '')[];
  /** A project fact: the claims it answers (PROJECT_CLAIM_BITS); 0 for the rest. */
  bits: number[];
  /** The row a fact is a figure of; null for the project's and the counts. */
  rowOf: (IndicatorFacts | null)[];
  /** The source of a project fact or count; what a row's figure is (年度指标值…). */
  names: string[];
  /** The project's facts are [0, projectEnd). */
  projectEnd: number;
  /** Where each row's facts start and end (by position in `f.rows`); -1 until read. */
  rowStart: number[];
  rowEnd: number[];
  /** Where the counts start and end; -1 until read. */
  countsStart: number;
  countsEnd: number;
  /** Appends a figure of the row being read. */
  sink: FigureSink;
  reading: IndicatorFacts | null;
}

const TABLES = new WeakMap<FormFacts, TableFacts>();

function put(t: TableFacts, value: number, unit: Unit | null, claim: TableFacts['claims'][number], bits: number) {
  t.values.push(value);
  t.units.push(unit);
  t.claims.push(claim);
  t.bits.push(bits);
}

/** An empty table for `f` (no fact read yet). */
function emptyTable(f: FormFacts): TableFacts {
  const unread = (): number[] => new Array<number>(f.rows.length).fill(-1);
  const t: TableFacts = {
    f,
    values: [],
    units: [],
    claims: [],
    bits: [],
    rowOf: [],
    names: [],
    projectEnd: 0,
    rowStart: unread(),
    rowEnd: unread(),
    countsStart: -1,
    countsEnd: -1,
    reading: null,
    sink: (claim, value, unit, what) => {
      put(t, value, unit, claim, 0);
      t.rowOf.push(t.reading);
      t.names.push(what);
    },
  };
  return t;
}

/**
 * A table of the form's facts with the project's read, kept by nothing: the score report's checks
 * read one per report (a table kept in a WeakMap outlives the young generation, and costs its GC).
 */
export function readTable(f: FormFacts): TableFacts {
  const t = emptyTable(f);
  eachProjectFact(f, (_, value, unit, source, bits) => {
    put(t, value, unit, '', bits);
    t.rowOf.push(null);
    t.names.push(source);
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
  t.reading = t.f.rows[at]!;
  eachRowFact(t.reading, t.sink);
  t.rowStart[at] = start;
  t.rowEnd[at] = t.values.length;
  return start;
}

/** Reads the counts, once; returns where they start. */
export function countFacts(t: TableFacts): number {
  if (t.countsStart >= 0) return t.countsStart;
  t.countsStart = t.values.length;
  eachCount(t.f, (value, unit, source) => {
    put(t, value, unit, '', 0);
    t.rowOf.push(null);
    t.names.push(source);
  });
  t.countsEnd = t.values.length;
  return t.countsStart;
}

/** The fact at `i` as a Known. */
export function factAt(t: TableFacts, i: number): Known {
  const row = t.rowOf[i];
  const unit = t.units[i] ?? null;
  if (row) return rowKnown(row, t.values[i]!, unit, t.names[i]!);
  return { value: t.values[i]!, unit, source: t.names[i]!, origin: 'fact' };
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

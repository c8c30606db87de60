/**
 * The facts of the table and the report a narrative may state (origin `fact`), as columns built
 * once per form's facts (issue #9, speed): the project's, each row's, then the counts, in the order
 * the pool lists them. A search by value reads numbers, and only the fact it finds becomes a Known.
 */
import type { FormFacts, IndicatorFacts } from '../../facts/types.js';
import type { Unit } from '../../parse/units.js';
import type { Known } from './knowns.js';
import { eachRowFact, rowKnown, type RowClaim } from './row-figures.js';

export interface TableFacts {
  values: number[];
  units: (Unit | null)[];
  /** The row's claim a fact answers; '' for the project's and the counts. */
  claims: (RowClaim | 'date' | '')[];
  /** The Known itself (project, counts), or the row it is a figure of. */
  owners: (Known | IndicatorFacts)[];
  whats: string[];
  /** Where the project's facts end, and each row's facts start (by position in `f.rows`); rows end at `rowsEnd`. */
  projectEnd: number;
  rowStart: number[];
  rowsEnd: number;
}

const TABLES = new WeakMap<FormFacts, TableFacts>();

type Claim = TableFacts['claims'][number];

function put(
  t: TableFacts,
  owner: Known | IndicatorFacts,
  claim: Claim,
  value: number,
  unit: Unit | null,
  what: string,
) {
  t.values.push(value);
  t.units.push(unit);
  t.claims.push(claim);
  t.owners.push(owner);
  t.whats.push(what);
}

/** The form's table facts (`project` and `counts` as `cellKnowns` lists them), built once per facts. */
export function tableFacts(f: FormFacts, project: readonly Known[], counts: readonly Known[]): TableFacts {
  let t = TABLES.get(f);
  if (t) return t;
  t = { values: [], units: [], claims: [], owners: [], whats: [], projectEnd: 0, rowStart: [], rowsEnd: 0 };
  const table = t;
  for (const k of project) put(table, k, '', k.value, k.unit, '');
  table.projectEnd = table.values.length;
  let row = f.rows[0]!;
  const sink = (claim: Claim, value: number, unit: Unit | null, what: string) =>
    put(table, row, claim, value, unit, what);
  for (row of f.rows) {
    table.rowStart.push(table.values.length);
    eachRowFact(row, sink);
  }
  table.rowsEnd = table.values.length;
  for (const k of counts) put(table, k, '', k.value, k.unit, '');
  TABLES.set(f, t);
  return t;
}

/** The fact at `i` as a Known. */
export function factAt(t: TableFacts, i: number): Known {
  const owner = t.owners[i]!;
  return 'origin' in owner ? owner : rowKnown(owner, t.values[i]!, t.units[i] ?? null, t.whats[i]!);
}

/** The positions of the facts a cell may state, in order: the project's, its row's or every row's, the counts. */
export function cellRanges(t: TableFacts, f: FormFacts, row: number | null): [number, number][] {
  if (row === null) return [[0, t.values.length]];
  const at = f.rows[row]?.index === row ? row : f.rows.findIndex((r) => r.index === row);
  if (at < 0) return [[0, t.projectEnd]];
  return [
    [0, t.projectEnd],
    [t.rowStart[at]!, t.rowStart[at + 1] ?? t.rowsEnd],
  ];
}

/**
 * What one narrative cell is checked against, kept per cell of a form's facts (issue #9, speed):
 * the figures each claim names, the table's facts the cell may state (searched by value), and the
 * texts that lend it figures (asked only whether one vouches for a figure, read until one does).
 */
import type { FormFacts } from '../../facts/types.js';
import type { NarrativeQuantity } from '../../narrative/quantities.js';
import { rowsIn, type Known } from './knowns.js';
import { eachCommonText, eachGoalsText, eachRowText, lendsOne, rowExistingText, type LentVisit } from './lenders.js';
import { agrees } from './matching.js';
import { PROJECT_CLAIM_BITS } from './project-figures.js';
import { CLAIM_SLOTS, ROW_SLOTS, rowKnown, slotsBelow } from './row-figures.js';
import { factAt, readCounts, readRows, rowPosition, tableFacts, type TableFacts } from './table-facts.js';
import { ValueIndex } from './value-index.js';

/** A test of a figure read in a text against a figure it may state. */
export type FigureTest = (q: NarrativeQuantity, k: Known) => boolean;

/** The figures each claim names. */
export interface Claims {
  get(claim: string): readonly Known[] | undefined;
  /** True when `claim` names some figure. */
  names(claim: string): boolean;
  /** True when a figure `claim` names passes `test` against `q` (none is built). */
  someOf(claim: string, q: NarrativeQuantity, test: FigureTest): boolean;
}

/** A cell's figures: `row` a deviation cell's row, or null for 实际完成情况 (every row). */
export class CellFigures implements Claims {
  // The Knowns of each claim asked for by `get` (made on first use: the report's checks build none)
  private claims: Map<string, readonly Known[]> | null = null;
  private readonly table: TableFacts;
  /** The positions in `f.rows` of the rows the cell may state, [from, to). */
  private readonly from: number;
  private readonly to: number;
  // One figure a search tries each fact on, refilled: a search builds nothing
  private readonly scratch: Known = { value: 0, unit: null, source: '', origin: 'fact' };
  // 实际完成情况's facts by value, for the probes that ask for one value
  private index: ValueIndex | null = null;

  /** With `table`, the cell reads the rows it needs into it (default: the one kept for `f`). */
  constructor(
    private readonly f: FormFacts,
    private readonly row: number | null,
    table?: TableFacts,
  ) {
    const t = table ?? tableFacts(f);
    this.table = t;
    const at = row === null ? 0 : rowPosition(f, row);
    this.from = Math.max(at, 0);
    this.to = row === null ? f.rows.length : at + 1;
    readRows(t, this.from, this.to);
    if (row === null) readCounts(t);
  }

  /** The figures `claim` names: the rows' (its row's, or every row's), then the project's. */
  get(claim: string): readonly Known[] {
    this.claims ??= new Map();
    let known = this.claims.get(claim);
    if (!known) {
      const found: Known[] = [];
      this.find(claim, null, null, found);
      known = found;
      this.claims.set(claim, known);
    }
    return known;
  }

  names(claim: string): boolean {
    return this.find(claim, null, null, null) >= 0;
  }

  someOf(claim: string, q: NarrativeQuantity, test: FigureTest): boolean {
    return this.find(claim, q, test, null) >= 0;
  }

  /**
   * The position of the first figure `claim` names (in `get` order: the rows' row by row, then the
   * project's) that passes `test` against `q` (with no test, any), or -1; with `all`, every such
   * figure is added to it as a Known instead.
   */
  private find(claim: string, q: NarrativeQuantity | null, test: FigureTest | null, all: Known[] | null): number {
    const t = this.table;
    const slots = CLAIM_SLOTS.get(claim);
    for (let at = this.from; slots !== undefined && at < this.to; at++) {
      const has = t.rowSlots[at]!;
      for (const s of slots) {
        if (((has >>> s) & 1) === 0) continue;
        const i = t.rowStart[at]! + slotsBelow(has, s);
        if (test !== null && !test(q!, this.fill(i))) continue;
        if (all === null) return i;
        all.push(rowKnown(this.f.rows[at]!, t.values[i]!, t.units[i] ?? null, ROW_SLOTS[s]!.what));
      }
    }
    const bit = PROJECT_CLAIM_BITS[claim] ?? 0;
    // a project score only in 实际完成情况
    if (bit === 0 || (claim === 'score' && this.row !== null)) return -1;
    for (let i = 0; i < t.projectEnd; i++) {
      if ((t.bits[i]! & bit) === 0 || (test !== null && !test(q!, this.fill(i)))) continue;
      if (all === null) return i;
      all.push(factAt(t, i));
    }
    return -1;
  }

  /** The scratch figure, filled with the fact at `i`. */
  private fill(i: number): Known {
    this.scratch.value = this.table.values[i]!;
    this.scratch.unit = this.table.units[i] ?? null;
    return this.scratch;
  }

  /**
   * Where the first table fact the cell may state is (origin `fact`, in `cellKnowns` order) that
   * passes `test` against `q`, or -1; with `near`, only those within 1e-9 of it are tried.
   */
  factIndex(q: NarrativeQuantity, test: FigureTest, near?: number): number {
    const t = this.table;
    if (near !== undefined && this.row === null) return this.byValue().first(near, this.passing(q, test));
    let found = this.scan(q, test, near, 0, t.projectEnd);
    for (let at = this.from; found < 0 && at < this.to; at++)
      found = this.scan(q, test, near, t.rowStart[at]!, t.rowEnd[at]!);
    if (found >= 0 || this.row !== null) return found;
    return this.scan(q, test, near, t.countsStart, t.countsEnd);
  }

  /** The facts of 实际完成情况 (every row's, the counts) by value, made when first probed. */
  private byValue(): ValueIndex {
    this.index ??= new ValueIndex(this.table, this.from, this.to);
    return this.index;
  }

  /** Whether the fact at `i` passes `test` against `q`. */
  private passing(q: NarrativeQuantity, test: FigureTest): (i: number) => boolean {
    return (i) => test(q, this.fill(i));
  }

  /** The first fact in [from, to) that passes as `factIndex` asks, or -1. */
  private scan(q: NarrativeQuantity, test: FigureTest, near: number | undefined, from: number, to: number): number {
    const values = this.table.values;
    for (let i = from; i < to; i++) {
      if (near !== undefined && !(Math.abs(near - values[i]!) < 1e-9)) continue;
      if (test(q, this.fill(i))) return i;
    }
    return -1;
  }

  /** The table fact at `i` (from `factIndex`) as a Known. */
  factAt(i: number): Known {
    return factAt(this.table, i);
  }

  /**
   * True when a text the cell as written may draw on (not its own, no chat) lends a figure that
   * agrees with `q`; with `textOnly`, only what people wrote (origin `text`).
   */
  vouches(q: NarrativeQuantity, textOnly: boolean): boolean {
    asked = q;
    askedTextOnly = textOnly;
    const f = this.f;
    if (eachCommonText(f, LENDS)) return true;
    for (const r of rowsIn(f, this.row)) if (eachRowText(r, LENDS)) return true;
    if (this.row !== null) return false;
    if (eachGoalsText(f, LENDS)) return true;
    for (const r of f.rows) if (rowExistingText(r, LENDS)) return true;
    return false;
  }
}

// What the lending texts are asked (set by `vouches`): one visitor for every cell, no closure per cell or figure
let asked: NarrativeQuantity | null = null;
let askedTextOnly = false;
const ACCEPTS = (k: Known): boolean => agrees(asked!, k);
const LENDS: LentVisit = (l) => (!askedTextOnly || l.origin === 'text') && lendsOne(l, ACCEPTS);

const CELLS = new WeakMap<FormFacts, Map<number, CellFigures>>();

/** The figures of the cell at `row` (null: 实际完成情况), kept per form's facts. */
export function cellFigures(f: FormFacts, row: number | null): CellFigures {
  let cells = CELLS.get(f);
  if (!cells) {
    cells = new Map();
    CELLS.set(f, cells);
  }
  let cell = cells.get(row ?? -1);
  if (!cell) {
    cell = new CellFigures(f, row);
    cells.set(row ?? -1, cell);
  }
  return cell;
}

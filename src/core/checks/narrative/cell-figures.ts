/**
 * What one narrative cell is checked against, kept per cell of a form's facts (issue #9, speed):
 * the figures each claim names, the table's facts the cell may state (searched by value), and the
 * texts that lend it figures (asked only whether one vouches for a figure, read until one does).
 */
import type { FormFacts } from '../../facts/types.js';
import type { NarrativeQuantity } from '../../narrative/quantities.js';
import { rowsIn, type Known } from './knowns.js';
import { eachCommonText, eachGoalsText, eachRowText, lendsOne, rowExistingText, type Lent } from './lenders.js';
import { agrees } from './matching.js';
import { PROJECT_CLAIM_BITS } from './project-figures.js';
import { ROW_CLAIMS } from './row-figures.js';
import { cellBounds, factAt, rowBounds, tableFacts, type TableFacts } from './table-facts.js';

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

const ROW_CLAIM_NAMES: ReadonlySet<string> = new Set(ROW_CLAIMS);
const NO_POSITIONS: readonly number[] = [];

/** A cell's figures: `row` a deviation cell's row, or null for 实际完成情况 (every row). */
export class CellFigures implements Claims {
  private readonly claims = new Map<string, readonly Known[]>();
  private readonly positions = new Map<string, readonly number[]>();
  private readonly table: TableFacts;
  /** The row facts the cell may state, then all the facts it may state: flat [from, to…] ranges. */
  private readonly rowBounds: readonly number[];
  private readonly bounds: readonly number[];
  // One figure a search tries each fact on, refilled: a search builds nothing
  private readonly scratch: Known = { value: 0, unit: null, source: '', origin: 'fact' };
  // What a visit of the lending texts is asked (set by `vouches`): one visitor per cell, none per figure
  private asked: NarrativeQuantity | null = null;
  private textOnly = false;
  private visitor: ((l: Lent) => boolean) | null = null;

  /** With `table`, the cell reads the rows it needs into it (default: the one kept for `f`). */
  constructor(
    private readonly f: FormFacts,
    private readonly row: number | null,
    table?: TableFacts,
  ) {
    this.table = table ?? tableFacts(f);
    this.rowBounds = rowBounds(this.table, row);
    this.bounds = cellBounds(this.table, this.rowBounds, row);
  }

  /** The figures `claim` names: the rows' (its row's, or every row's), then the project's. */
  get(claim: string): readonly Known[] {
    let known = this.claims.get(claim);
    if (!known) {
      known = this.positionsOf(claim).map((i) => factAt(this.table, i));
      this.claims.set(claim, known);
    }
    return known;
  }

  names(claim: string): boolean {
    return this.positionsOf(claim).length > 0;
  }

  someOf(claim: string, q: NarrativeQuantity, test: FigureTest): boolean {
    for (const i of this.positionsOf(claim)) if (test(q, this.fill(i))) return true;
    return false;
  }

  /** Where the figures `claim` names are in the table, in `get` order (kept per claim). */
  private positionsOf(claim: string): readonly number[] {
    let at = this.positions.get(claim);
    if (at) return at;
    const bit = PROJECT_CLAIM_BITS[claim] ?? 0;
    // a claim no row figure answers and no project figure either (none: a figure that names nothing)
    if (bit === 0 && !ROW_CLAIM_NAMES.has(claim)) return NO_POSITIONS;
    const t = this.table;
    const found: number[] = [];
    const b = this.rowBounds;
    for (let r = 0; r < b.length; r += 2)
      for (let i = b[r]!; i < b[r + 1]!; i++) if (t.claims[i] === claim) found.push(i);
    // a project score only in 实际完成情况
    if (bit !== 0 && (claim !== 'score' || this.row === null))
      for (let i = 0; i < t.projectEnd; i++) if ((t.bits[i]! & bit) !== 0) found.push(i);
    at = found;
    this.positions.set(claim, at);
    return at;
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
    const b = this.bounds;
    const values = this.table.values;
    for (let r = 0; r < b.length; r += 2) {
      for (let i = b[r]!; i < b[r + 1]!; i++) {
        if (near !== undefined && !(Math.abs(near - values[i]!) < 1e-9)) continue;
        if (test(q, this.fill(i))) return i;
      }
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
    this.asked = q;
    this.textOnly = textOnly;
    const f = this.f;
    const lends = this.lends();
    if (eachCommonText(f, lends)) return true;
    for (const r of rowsIn(f, this.row)) if (eachRowText(r, lends)) return true;
    if (this.row !== null) return false;
    return eachGoalsText(f, lends) || f.rows.some((r) => rowExistingText(r, lends));
  }

  /** The visitor that asks each lending text about the figure asked (made once per cell, on first use). */
  private lends(): (l: Lent) => boolean {
    if (!this.visitor) {
      const accepts = (k: Known): boolean => agrees(this.asked!, k);
      this.visitor = (l) => (!this.textOnly || l.origin === 'text') && lendsOne(l, accepts);
    }
    return this.visitor;
  }
}

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

/**
 * What one narrative cell is checked against, kept per cell of a form's facts (issue #9, speed):
 * the figures each claim names, the table's facts the cell may state (searched by value), and the
 * texts that lend it figures (asked only whether one vouches for a figure, read until one does).
 */
import type { FormFacts } from '../../facts/types.js';
import type { NarrativeQuantity } from '../../narrative/quantities.js';
import { countsOf, projectFlat, projectKnowns, rowsIn, type Known } from './knowns.js';
import { eachCommonText, eachGoalsText, eachRowText, lendsOne, rowExistingText, type Lent } from './lenders.js';
import { agrees } from './matching.js';
import { cellRanges, factAt, tableFacts, type TableFacts } from './table-facts.js';

/** The figures each claim names. */
export interface Claims {
  get(claim: string): readonly Known[] | undefined;
}

const PROJECT_CLAIMS = new WeakMap<FormFacts, ReadonlyMap<string, readonly Known[]>>();

/** The project's figures a claim may name, in every cell (built once per form's facts). */
function projectClaims(f: FormFacts): ReadonlyMap<string, readonly Known[]> {
  const cached = PROJECT_CLAIMS.get(f);
  if (cached) return cached;
  const out = new Map<string, readonly Known[]>();
  const p = projectKnowns(f);
  for (const claim of ['budget', 'executed', 'execution-rate', 'total'] as const) out.set(claim, p[claim]!);
  // "超出指标值20%以上即为超额完成": the profile's standard is also an excess a text may cite
  const standard = p.other!.filter((k) => k.source === '超额完成认定标准');
  out.set('excess', standard);
  out.set('shortfall', standard);
  out.set('score', [...p.total!, ...p.other!.filter((k) => k.unit?.family === 'score')]);
  PROJECT_CLAIMS.set(f, out);
  return out;
}

/** A cell's figures: `row` a deviation cell's row, or null for 实际完成情况 (every row). */
export class CellFigures implements Claims {
  private readonly claims = new Map<string, readonly Known[]>();
  private readonly table: TableFacts;
  private readonly ranges: readonly [number, number][];
  // What a visit of the lending texts is asked (set by `vouches`): one visitor per cell, none per figure
  private asked: NarrativeQuantity | null = null;
  private textOnly = false;
  private visitor: ((l: Lent) => boolean) | null = null;

  constructor(
    private readonly f: FormFacts,
    private readonly row: number | null,
  ) {
    this.table = tableFacts(f, projectFlat(f), countsOf(f));
    this.ranges = cellRanges(this.table, f, row);
  }

  /** The figures `claim` names: the rows' (its row's, or every row's), then the project's. */
  get(claim: string): readonly Known[] {
    const known = this.claims.get(claim);
    if (known) return known;
    const list = this.rowClaim(claim);
    const project = projectClaims(this.f).get(claim);
    // a project score only in 实际完成情况
    if (project && (claim !== 'score' || this.row === null)) list.push(...project);
    this.claims.set(claim, list);
    return list;
  }

  private rowClaim(claim: string): Known[] {
    const t = this.table;
    const [from, to] = this.row === null ? [t.projectEnd, t.rowsEnd] : (this.ranges[1] ?? [0, 0]);
    const out: Known[] = [];
    for (let i = from; i < to; i++) if (t.claims[i] === claim) out.push(factAt(t, i));
    return out;
  }

  /**
   * The first table fact the cell may state (origin `fact`, in `cellKnowns` order) that `accepts`
   * takes; with `near`, only those within 1e-9 of it are tried. Builds only the fact it finds.
   */
  tableFact(accepts: (k: Known) => boolean, near?: number): Known | undefined {
    const t = this.table;
    const scratch: Known = { value: 0, unit: null, source: '', origin: 'fact' };
    for (const [from, to] of this.ranges) {
      for (let i = from; i < to; i++) {
        const value = t.values[i]!;
        if (near !== undefined && !(Math.abs(near - value) < 1e-9)) continue;
        scratch.value = value;
        scratch.unit = t.units[i] ?? null;
        if (accepts(scratch)) return factAt(t, i);
      }
    }
    return undefined;
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

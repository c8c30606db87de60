/**
 * What the page knows about each narrative cell of the working copy (年度总体目标 实际完成情况 and
 * each row's 偏差原因分析及改进措施): who wrote its text this session and which numbers it was
 * written against. Kept in step with the rows as they are inserted, removed and moved.
 */
import type { NarrativeOrigin, NarrativeSnapshot } from '../core/narratives/index.js';
import { deviationPath, isNarrativePath, narrativeRowIndex } from '../core/narratives/paths.js';

/** What the page knows about one narrative cell. */
export interface CellMeta {
  /** Origin of a text set in this session (draft, accepted revision, restore); null = unchanged. */
  origin: NarrativeOrigin | null;
  /**
   * The inputs the text was written against: undefined = nothing to compare (empty cell),
   * null = already stale when loaded.
   */
  baseline: NarrativeSnapshot | null | undefined;
}

/** A cell with no text set this session and nothing to compare. */
export const blankMeta = (): CellMeta => ({ origin: null, baseline: undefined });

/** The metas of one form's narrative cells: the goals cell and one per indicator row. */
export class NarrativeMetas {
  goals: CellMeta = blankMeta();
  rows: CellMeta[];

  constructor(rowCount: number) {
    this.rows = Array.from({ length: rowCount }, blankMeta);
  }

  /** The meta of a narrative cell, or undefined for other paths. */
  of(path: string): CellMeta | undefined {
    if (!isNarrativePath(path)) return undefined;
    const row = narrativeRowIndex(path);
    return row === null ? this.goals : this.rows[row];
  }

  /** Blank metas for `rowCount` rows (a form loaded whose rows do not line up with these). */
  reset(rowCount: number): void {
    this.rows = Array.from({ length: rowCount }, blankMeta);
  }

  /** Inserts a row's meta at `index`. */
  insertRow(index: number, meta: CellMeta = blankMeta()): void {
    this.rows.splice(index, 0, meta);
  }

  /** Removes and returns the meta of row `index`. */
  removeRow(index: number): CellMeta {
    const [meta] = this.rows.splice(index, 1);
    return meta ?? blankMeta();
  }

  /** Swaps the metas of rows `a` and `b`. */
  swapRows(a: number, b: number): void {
    [this.rows[a], this.rows[b]] = [this.rows[b]!, this.rows[a]!];
  }

  /** Origins of the texts set this session, by path (sent with a save). */
  origins(): Record<string, NarrativeOrigin> {
    const out: Record<string, NarrativeOrigin> = {};
    if (this.goals.origin) out['goals.actual'] = this.goals.origin;
    this.rows.forEach((meta, i) => {
      if (meta.origin) out[deviationPath(i)] = meta.origin;
    });
    return out;
  }

  /** After a save: no text is this session's any more. */
  clearOrigins(): void {
    for (const meta of [this.goals, ...this.rows]) meta.origin = null;
  }

  /** A row's snapshot names its index; moving the row is not a change of its numbers. */
  renumberBaselines(): void {
    this.rows.forEach((meta, i) => {
      if (meta.baseline && meta.baseline.kind === 'deviation') meta.baseline = { ...meta.baseline, index: i };
    });
  }
}

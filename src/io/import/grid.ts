/**
 * A table as rows of cells, whatever it came from: a worksheet (merged cells already copied to
 * every cell they cover, formulas as their cached result) or pasted text with tabs or `|`.
 */
import { labelKey } from './cell-text.js';

export interface GridCell {
  /** The text as shown (a number formatted as on screen; 0.85 in a percent cell is `85%`). */
  text: string;
  /** Where it came from, for the report: `自评表!C7` or `第12行第3格`. */
  ref: string;
  /** The value when the cell holds a number (formula results included). */
  number?: number;
  /** True when this cell is a copy of a merged range's value (not its top-left cell). */
  mergedCopy?: boolean;
}

export interface Grid {
  sheet: string | null;
  rows: GridCell[][];
}

/** The cell at (row, col), or an empty one. */
export function cellAt(grid: Grid, row: number, col: number): GridCell | undefined {
  return grid.rows[row]?.[col];
}

/** The text at (row, col), trimmed; '' for a missing cell. */
export function textAt(grid: Grid, row: number, col: number): string {
  return cellAt(grid, row, col)?.text.trim() ?? '';
}

/** True when every cell of the row is empty. */
export function isEmptyRow(row: GridCell[] | undefined): boolean {
  return !row || row.every((cell) => cell.text.trim() === '');
}

/** The first cell, scanning rows from `fromRow`, whose label matches `pattern`. */
export function findLabel(
  grid: Grid,
  pattern: RegExp,
  fromRow = 0,
  toRow = grid.rows.length,
): { row: number; col: number } | null {
  for (let r = fromRow; r < Math.min(toRow, grid.rows.length); r++) {
    const row = grid.rows[r]!;
    for (let c = 0; c < row.length; c++) if (pattern.test(labelKey(row[c]!.text))) return { row: r, col: c };
  }
  return null;
}

/** The row's text as one line, for report notes. */
export function rowText(row: GridCell[]): string {
  const seen: string[] = [];
  for (const cell of row) {
    const t = cell.text.trim();
    if (t !== '' && seen[seen.length - 1] !== t) seen.push(t);
  }
  return seen.join(' | ');
}

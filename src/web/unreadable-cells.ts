/**
 * Number cells whose text is not a number (path → the text typed): kept aside so the form stays
 * well typed, and renumbered when rows are inserted, removed or moved.
 */
import { indicatorCellOf, indicatorCellPath } from '../core/narratives/paths.js';

/** The unreadable number cells of one working copy. */
export class UnreadableCells extends Map<string, string> {
  /** Forgets the cells of row `index` (the row is removed). */
  dropRow(index: number): void {
    for (const key of [...this.keys()]) if (indicatorCellOf(key)?.row === index) this.delete(key);
  }

  /** Renumbers rows `from` and after by `by` (+1 a row was inserted before them, −1 one was removed). */
  shiftRows(from: number, by: number): void {
    this.renumber((row) => (row >= from ? row + by : row));
  }

  /** Swaps the cells of rows `a` and `b` (a row moved). */
  swapRows(a: number, b: number): void {
    this.renumber((row) => (row === a ? b : row === b ? a : row));
  }

  private renumber(rowOf: (row: number) => number): void {
    const moved = new Map<string, string>();
    for (const [key, text] of this) {
      const cell = indicatorCellOf(key);
      moved.set(cell ? indicatorCellPath(rowOf(cell.row), cell.field) : key, text);
    }
    this.clear();
    for (const [key, text] of moved) this.set(key, text);
  }
}

/**
 * The facts of 实际完成情况 by value (issue #9, speed): a figure in it is compared with every fact of
 * every row, and its first question is which facts have its very value (within 1e-9). A probe reads
 * the few facts whose value rounds as the figure's does, not the whole table. The chains are written
 * in the table's own columns (`next`, `head`), so the report's checks build no arrays for them.
 */
import type { TableFacts } from './table-facts.js';

/** How many chains the facts are spread over. */
const CHAINS = 64;
/** Two values this close are one value (as `factIndex` compares them). */
const SAME = 1e-9;
/** Past this relative size, v ± SAME is v itself: the probe widens to a few units in the last place. */
const ULPS = 1e-15;

/** The chain of the facts whose value rounds to the integer `v` rounds to. */
function chainOf(v: number): number {
  const k = Math.round(v) % CHAINS;
  // NaN or ±Infinity (no fact is) would give NaN: chain 0 then
  return k < 0 ? k + CHAINS : k || 0;
}

/**
 * The facts a cell lists, in its order: the project's, those of the rows at positions [from, to),
 * then the counts. Each chain is in that order: the facts are put at its head from the last listed.
 */
export class ValueIndex {
  constructor(
    private readonly t: TableFacts,
    private readonly from: number,
    private readonly to: number,
  ) {
    for (let c = 0; c < CHAINS; c++) t.head[c] = -1;
    this.put(t.countsStart, t.countsEnd);
    for (let at = to - 1; at >= from; at--) this.put(t.rowStart[at]!, t.rowEnd[at]!);
    this.put(0, t.projectEnd);
  }

  private put(start: number, end: number): void {
    const t = this.t;
    for (let i = end - 1; i >= start; i--) {
      const c = chainOf(t.values[i]!);
      t.next[i] = t.head[c]!;
      t.head[c] = i;
    }
  }

  /** The first fact (in listing order) within 1e-9 of `v` that passes `test`, or -1. */
  first(v: number, test: (i: number) => boolean): number {
    const margin = SAME + Math.abs(v) * ULPS;
    const low = chainOf(v - margin);
    const high = chainOf(v + margin);
    const a = this.firstIn(low, v, test);
    if (low === high) return a;
    // `v` is a half: a fact just under it rounds down, one just over it up
    const b = this.firstIn(high, v, test);
    if (a < 0 || b < 0) return a < 0 ? b : a;
    return this.rank(a) < this.rank(b) ? a : b;
  }

  private firstIn(chain: number, v: number, test: (i: number) => boolean): number {
    const t = this.t;
    for (let i = t.head[chain]!; i >= 0; i = t.next[i]!) {
      if (Math.abs(v - t.values[i]!) < SAME && test(i)) return i;
    }
    return -1;
  }

  /** Where the fact at `i` is listed (asked only of a value on a half). */
  private rank(i: number): number {
    const t = this.t;
    if (i < t.projectEnd) return i;
    let before = t.projectEnd;
    for (let at = this.from; at < this.to; at++) {
      if (i >= t.rowStart[at]! && i < t.rowEnd[at]!) return before + i - t.rowStart[at]!;
      before += t.rowEnd[at]! - t.rowStart[at]!;
    }
    return before + i - t.countsStart;
  }
}

/**
 * The marks drawn over a narrative cell's text (figures that cannot be traced, placeholders, the
 * register, invented causes, the length) and the checks they come from. Light: the checks
 * themselves (draft-checks.ts) load on demand (cell-checker.ts).
 */
import type { DraftChecks } from '../drafting/types.js';

export type MarkKind = 'unknown-number' | 'placeholder' | 'too-long' | 'first-person' | 'cause';

/** A stretch of text to highlight, in UTF-16 offsets. */
export interface Mark {
  kind: MarkKind;
  start: number;
  end: number;
  title: string;
}

/** Checks for a cell, plus the marks to draw over its text. */
export interface CellChecks {
  checks: DraftChecks | null;
  marks: Mark[];
  length: number;
  maxChars: number;
  /** Problems without a place in the text (a missing fact), and errors running the checks. */
  notes: string[];
}

const PRIORITY: Record<MarkKind, number> = {
  'unknown-number': 5,
  cause: 4,
  placeholder: 3,
  'first-person': 2,
  'too-long': 1,
};

/** Splits text into runs, each with the most important mark covering it (marks may overlap). */
export function markRuns(text: string, marks: readonly Mark[]): { text: string; mark: Mark | null }[] {
  if (marks.length === 0) return [{ text, mark: null }];
  const cover: (Mark | null)[] = new Array<Mark | null>(text.length).fill(null);
  for (const mark of marks) {
    for (let i = Math.max(0, mark.start); i < Math.min(text.length, mark.end); i++) {
      const current = cover[i];
      if (!current || PRIORITY[mark.kind] > PRIORITY[current.kind]) cover[i] = mark;
    }
  }
  const runs: { text: string; mark: Mark | null }[] = [];
  let start = 0;
  for (let i = 1; i <= text.length; i++) {
    if (i === text.length || cover[i] !== cover[start]) {
      runs.push({ text: text.slice(start, i), mark: cover[start] ?? null });
      start = i;
    }
  }
  return runs;
}

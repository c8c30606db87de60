/**
 * Narrative cells by path (form-format.md §4): `goals.actual` (实际完成情况) and
 * `indicators.N.deviation` (偏差原因分析及改进措施 of row N, 0-based).
 */
import type { Form, NarrativePath } from '../schema/form.js';

const NARRATIVE_PATH = /^(?:goals\.actual|indicators\.(0|[1-9]\d{0,3})\.deviation)$/;

/** True when `path` names a narrative cell (it may still be missing from a given form). */
export function isNarrativePath(path: string): path is NarrativePath {
  return NARRATIVE_PATH.test(path);
}

/** The row index of `indicators.N.deviation`, or null for `goals.actual`. */
export function narrativeRowIndex(path: NarrativePath): number | null {
  const match = NARRATIVE_PATH.exec(path);
  return match?.[1] === undefined ? null : Number(match[1]);
}

/** Every narrative cell of the form: `goals.actual`, then one per indicator row. */
export function narrativePathsOf(form: Form): NarrativePath[] {
  return ['goals.actual', ...form.indicators.map((_, i): NarrativePath => `indicators.${i}.deviation`)];
}

/** True when the form has the cell (`indicators.9.deviation` needs a 10th row). */
export function hasNarrativeCell(form: Form, path: NarrativePath): boolean {
  const row = narrativeRowIndex(path);
  return row === null || row < form.indicators.length;
}

/** The cell's text; an empty or missing cell reads as ''. */
export function narrativeTextAt(form: Form, path: NarrativePath): string {
  const row = narrativeRowIndex(path);
  if (row === null) return form.goals?.actual ?? '';
  return form.indicators[row]?.deviation ?? '';
}

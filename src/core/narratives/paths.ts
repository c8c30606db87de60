/**
 * Narrative cells by path (form-format.md §4): `goals.actual` (实际完成情况) and
 * `indicators.N.deviation` (偏差原因分析及改进措施 of row N, 0-based).
 */
import { MAX_ROWS } from '../limits.js';
import { FUNDING_SUB_ROWS, type FundingSubRow } from '../schema/choices.js';
import type { Form, NarrativePath } from '../schema/form.js';

// Row numbers have as many digits as MAX_ROWS - 1 at most; {0,3} once sent row 10 000 to goals.actual (issue #8)
const ROW_DIGITS = String(MAX_ROWS - 1).length - 1;

/** The row of `indicators.N.deviation` when N is a row a form may have (< MAX_ROWS), else null. */
function rowOf(path: string): number | null {
  const cell = indicatorCellOf(path);
  return cell?.field === 'deviation' ? cell.row : null;
}

/** True when `path` names a narrative cell (it may still be missing from a given form). */
export function isNarrativePath(path: string): path is NarrativePath {
  return path === 'goals.actual' || rowOf(path) !== null;
}

/** The row index of `indicators.N.deviation`, or null for `goals.actual`; throws on any other path. */
export function narrativeRowIndex(path: NarrativePath): number | null {
  if (path === 'goals.actual') return null;
  const row = rowOf(path);
  if (row === null) throw new RangeError(`not a narrative path: ${path.slice(0, 60)}`);
  return row;
}

/** The path of row `row`'s 偏差原因分析及改进措施 cell: `indicators.5.deviation` is 第6行's (0-based). */
export function deviationPath(row: number): NarrativePath {
  return `indicators.${row}.deviation`;
}

/** Every narrative cell of the form: `goals.actual`, then one per indicator row. */
export function narrativePathsOf(form: Form): NarrativePath[] {
  return ['goals.actual', ...form.indicators.map((_, i) => deviationPath(i))];
}

/** The path of the narrative cell of `row`: a deviation cell, or (null) `goals.actual`. */
export function narrativePathAt(row: number | null): NarrativePath {
  return row === null ? 'goals.actual' : deviationPath(row);
}

/**
 * Calls `visit` with the text ('' when empty or missing) and row (null: `goals.actual`) of every
 * narrative cell, in `narrativePathsOf` order, without building or reading back a path per cell.
 */
export function eachNarrativeText(form: Form, visit: (text: string, row: number | null) => void): void {
  visit(form.goals?.actual ?? '', null);
  const rows = form.indicators;
  for (let i = 0; i < rows.length; i++) visit(rows[i]!.deviation ?? '', i);
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

/** The path of a cell of indicator row `row` (0-based): `indicators.5.score` is 第6行's 得分 (form-format.md §1). */
export function indicatorCellPath(row: number, field: string): string {
  return `indicators.${row}.${field}`;
}

// A row index (no leading zeros, < MAX_ROWS digits), then the field's path inside the row (bounded: fields are short names)
const CELL_PATH = new RegExp(`^indicators\\.(0|[1-9]\\d{0,${ROW_DIGITS}})\\.([^\\n]{1,100})$`);

/** Row and field of `indicators.N.<field>` when N is a row a form may have (< MAX_ROWS), else null. */
export function indicatorCellOf(path: string): { row: number; field: string } | null {
  const match = CELL_PATH.exec(path);
  if (!match) return null;
  const row = Number(match[1]);
  return row < MAX_ROWS ? { row, field: match[2]! } : null;
}

/** The 其中 row a cell path `funding.<row>.<amount>` is in, or null (the 总额 row, any other path). */
export function fundingSubRowOf(path: string): FundingSubRow | null {
  const [head, row, cell] = path.split('.', 3);
  if (head !== 'funding' || !cell) return null;
  return FUNDING_SUB_ROWS.find((r) => r === row) ?? null;
}

/**
 * Indicator rows whose cells ran together (fixture 03: `安装坡面水标尺10≥266米≥266米10水标尺宽度10…`).
 * The header gives the columns' order; each cell has a shape — a 三级指标 name starts and ends
 * with a non-digit, a 分值/得分 is a number up to 100 (得分 ≤ 分值), a 指标值 is a value with its
 * sign and unit (`≥266米`, `100%`, `20万元`) or a level word (`显著提升`). The run is cut into
 * whole rows every way the shapes allow; it is taken only when exactly one way exists. A 偏差
 * text cannot be told from the next row's name in such a run, so a run is read only when the
 * header has no 偏差 column or the rows leave it empty (which this reader cannot know: it reports
 * every row it cut as inferred, for the user to check).
 */
import { gradeWord, scaleLevel } from '../../core/parse/qualitative.js';
import { scoreAboveWeight } from '../../core/scoring/final-score.js';
import type { IndicatorColumn } from './labels.js';
import type { ReportBuilder } from './report.js';
import { isLabel } from './text-labels.js';
import { lineRef, type Token } from './text-tokens.js';

export type RowColumn = 'name' | 'target' | 'actual' | 'weight' | 'score';

export interface GluedRow {
  name: string;
  target: string;
  actual: string;
  weight: number;
  score: number;
}

const SIGN = '[≥≧≤≦<>=＜＞]';
const NUMBER_VALUE = new RegExp(`^${SIGN}{0,2}(?:0|[1-9]\\d{0,11})(?:\\.\\d{1,6})?(?:%|[^\\d.%≥≧≤≦<>=＜＞]{1,4})?$`);
const SCORE = /^(?:0|[1-9]\d{0,2})(?:\.\d{1,2})?$/;
// A name holds no sign, % or …, and neither starts nor ends with a digit (its neighbours are numbers)
const NAME = /^[^\d.%≥≧≤≦<>=＜＞…][^%≥≧≤≦<>=＜＞…]{0,58}[^\d.%≥≧≤≦<>=＜＞…]$|^[^\d.%≥≧≤≦<>=＜＞…]$/;
const LIMITS: Record<RowColumn, number> = { name: 60, target: 20, actual: 20, weight: 6, score: 6 };
/** Longest run read, and most ways of cutting looked at (per run, and per table): past these runs are left unread. */
const MAX_RUN = 3000;
const MAX_STEPS = 200_000;
const MAX_TABLE_STEPS = 1_000_000;

/** A target or actual cell: a number with its sign and unit, or a level word. */
function isValue(text: string): boolean {
  if (NUMBER_VALUE.test(text)) return true;
  return !/\d/.test(text) && text.length <= 8 && (scaleLevel(text) !== null || gradeWord(text) !== null);
}

function fitsColumn(text: string, column: RowColumn): boolean {
  if (column === 'name') return NAME.test(text);
  if (column === 'weight' || column === 'score') return SCORE.test(text) && Number(text) <= 100;
  return isValue(text);
}

type Cells = Partial<Record<RowColumn, string>>;

/** The unit after a value's number (`≥266米` → 米, `100%` → %), or null for a level word. */
function unitOf(value: string): string | null {
  const m = /\d([^\d]{0,4})$/.exec(value);
  return m ? m[1]! : null;
}

/**
 * 年度指标值 and 实际完成值 of a row are stated in one unit: `≥1` | `20公里` is a cut through
 * `≥120公里`, not two cells. Level words are compared by nothing.
 */
function sameUnit(cells: Cells): boolean {
  const target = unitOf(cells.target ?? '');
  const actual = unitOf(cells.actual ?? '');
  return target === null || actual === null || target === actual;
}

/** Ways one row can start at `at`: its cells and where it ends. */
function rowsAt(run: string, at: number, order: readonly RowColumn[], budget: { steps: number }): [Cells, number][] {
  const out: [Cells, number][] = [];
  const walk = (pos: number, k: number, cells: Cells) => {
    if (--budget.steps < 0) return;
    if (k === order.length) {
      // A cut whose 得分 is above its 分值 breaks the scorer's rule, so it is not the row
      const fits = scoreAboveWeight(Number(cells.score), Number(cells.weight)) === null;
      if (fits && sameUnit(cells)) out.push([{ ...cells }, pos]);
      return;
    }
    const column = order[k]!;
    const last = Math.min(run.length, pos + LIMITS[column]);
    for (let end = pos + 1; end <= last; end++) {
      if (--budget.steps < 0) return;
      const text = run.slice(pos, end);
      if (!fitsColumn(text, column)) continue;
      cells[column] = text;
      if ((column === 'target' || column === 'actual') && !sameUnit(cells)) continue;
      walk(end, k + 1, cells);
    }
    delete cells[column];
  };
  walk(at, 0, {});
  return out;
}

/** Reads the two level words of `显著提升显著提升` as target and actual when the run is a doubled word. */
function doubled(cells: Cells): boolean {
  return cells.target !== undefined && cells.target === cells.actual;
}

interface Reading {
  rows: GluedRow[];
  /** How many readings have this many rows (2 stands for "more than one"). */
  ways: number;
}

/**
 * The reading of `run` as whole rows in `order`, or null when there is none or it is not unique.
 * Of the readings, the one with the most rows wins: a name that swallowed a whole row of values
 * is not a name. Where a doubled level word (`显著提升显著提升`) cuts several ways, the cut into two
 * equal words is kept.
 */
export function splitGluedRows(
  run: string,
  order: readonly RowColumn[],
  budget: { steps: number } = { steps: MAX_STEPS },
): GluedRow[] | null {
  if (run.length > MAX_RUN || !order.includes('weight') || !order.includes('score')) return null;
  const memo = new Map<number, Reading | null>();
  const readFrom = (at: number): Reading | null => {
    if (at === run.length) return { rows: [], ways: 1 };
    if (memo.has(at)) return memo.get(at)!;
    memo.set(at, null); // a row is never empty, so `at` cannot come back while it is read
    let candidates = rowsAt(run, at, order, budget);
    if (candidates.some(([c]) => doubled(c))) candidates = candidates.filter(([c]) => doubled(c));
    let best = null as Reading | null;
    for (const [cells, end] of candidates) {
      const rest = readFrom(end);
      if (!rest) continue;
      const rows = [toRow(cells), ...rest.rows];
      if (!best || rows.length > best.rows.length) best = { rows, ways: rest.ways };
      else if (rows.length === best.rows.length) best = { rows: best.rows, ways: 2 };
    }
    memo.set(at, best);
    return best;
  };
  const reading = readFrom(0);
  if (budget.steps < 0 || !reading || reading.ways !== 1) return null;
  return reading.rows;
}

function toRow(cells: Cells): GluedRow {
  return {
    name: cells.name!,
    target: cells.target!,
    actual: cells.actual!,
    weight: Number(cells.weight),
    score: Number(cells.score),
  };
}

const COLUMN_NAMES: Record<RowColumn, string> = {
  name: '三级指标',
  target: '年度指标值',
  actual: '实际完成值',
  weight: '分值',
  score: '得分',
};

/** The order of the row cells in the table header's labels (`三级指标 分值 年度指标值 全年实际值 得分`). */
export function rowOrder(header: readonly IndicatorColumn[]): RowColumn[] {
  const keep = new Set<string>(['name', 'target', 'actual', 'weight', 'score']);
  return [...new Set(header.filter((c) => keep.has(c)))] as RowColumn[];
}

/** `text` without the template's `……` at either end (a loop: a regex anchored at $ would be quadratic). */
function withoutEllipses(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && text[start] === '…') start++;
  while (end > start && text[end - 1] === '…') end--;
  return text.slice(start, end);
}

/**
 * The table's tokens with each run of glued rows replaced by its cells in the standard order
 * (name, 年度指标值, 实际完成值, 分值, 得分), which the row reader expects. A run that does not cut
 * exactly one way is left as it was (the row reader reports it as unread).
 */
export function unglueRows(tokens: Token[], order: readonly RowColumn[], report: ReportBuilder): Token[] {
  if (order.length !== 5) return tokens;
  const table = { steps: MAX_TABLE_STEPS };
  return tokens.flatMap((token) => {
    const run = withoutEllipses(token.text);
    if (!/\d/.test(run) || isLabel(run)) return [token];
    const budget = { steps: Math.min(MAX_STEPS, table.steps) };
    const rows = budget.steps > 0 ? splitGluedRows(run, order, budget) : null;
    table.steps -= Math.min(MAX_STEPS, table.steps) - Math.max(0, budget.steps);
    if (!rows) return [token];
    return rows.flatMap((row) => {
      report.infer(
        'indicators',
        `${row.name} | ${row.target} | ${row.actual} | ${row.weight} | ${row.score}`,
        `${lineRef(token)}单元格边界缺失，按表头列序（${order.map((c) => COLUMN_NAMES[c]).join('、')}）唯一拆分，请核对`,
      );
      return [row.name, row.target, row.actual, String(row.weight), String(row.score)].map(
        (text, i): Token => ({ ...token, text, before: i === 0 ? token.before : 'cell' }),
      );
    });
  });
}

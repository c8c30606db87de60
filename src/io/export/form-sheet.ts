/**
 * The 项目支出绩效自评表 as a grid of cells in the official layout (财预〔2020〕10号 附件; the seed
 * `shared/seed/baai-2022.txt`): title, 项目 block, 项目资金 with 分值/执行率/得分, 年度总体目标,
 * 绩效指标 with 一级/二级 merged down their rows, 总分. The .xlsx and .docx writers both render
 * this grid, so the layout has one home. Scores come from `printedScores` (the report's totals).
 */
import { MAX_ROW_POINTS, SHEET_WIDTHS, spanWidth, textHeight } from './text-fit.js';
import { printedScores, type Form, type FundingRow, type ScoreReport } from '../../core/index.js';
import { indicatorCellPath } from '../../core/narratives/paths.js';

/** What a cell holds, which decides its number format and alignment. */
export type CellKind =
  | 'title'
  | 'subtitle'
  | 'label'
  | 'level'
  | 'text'
  | 'narrative'
  | 'amount'
  | 'rate'
  | 'weight'
  | 'score';

export interface SheetCell {
  row: number;
  col: number;
  rowSpan: number;
  colSpan: number;
  kind: CellKind;
  /** Text is always text (never a formula); numbers stay numbers; null is an empty cell. */
  value: string | number | null;
  /** Form path of the value, for tests and the round trip (e.g. `indicators.3.actual`). */
  path?: string;
}

export interface FormSheet {
  title: string;
  cells: SheetCell[];
  rowCount: number;
  /** Column widths in Excel character units; 12 columns sum to 135, A4 landscape at 100%. */
  widths: readonly number[];
  /** The 绩效指标 header row (repeated on every printed page). */
  headerRow: number;
}

/** Columns: 绩效指标 · 一级 · 二级 · 三级 · 年度指标值 · 实际完成值 (2) · 分值 · 得分 · 偏差 (3). */
export { SHEET_WIDTHS } from './text-fit.js';
const SHEET_COLUMNS = SHEET_WIDTHS.length;

/** 部门整体支出 forms name the unit instead of a project (fixtures README, layouts). */
export function sheetTitle(form: Form): string {
  return form.formType === 'department' ? '部门整体支出绩效自评表' : '项目支出绩效自评表';
}

const FUNDING_ROWS = [
  ['total', '年度资金总额'],
  ['appropriation', '其中：当年财政拨款'],
  ['carryover', '上年结转资金'],
  ['other', '其他资金'],
] as const;

/** Accumulates cells row by row. */
class Grid {
  readonly cells: SheetCell[] = [];
  row = 0;
  put(col: number, colSpan: number, kind: CellKind, value: SheetCell['value'], more: Partial<SheetCell> = {}): void {
    this.cells.push({ row: this.row, col, rowSpan: 1, colSpan, kind, value, ...more });
  }
}

const textOf = (value: string | null | undefined): string => value ?? '';
const num = (value: number | null | undefined): number | null => (typeof value === 'number' ? value : null);

function headBlock(g: Grid, form: Form): void {
  g.put(0, SHEET_COLUMNS, 'title', sheetTitle(form));
  g.row++;
  g.put(0, SHEET_COLUMNS, 'subtitle', `（${form.year}年度）`, { path: 'year' });
  g.row++;
  const nameLabel = form.formType === 'department' ? '部门（单位）名称' : '项目名称';
  g.put(0, 2, 'label', nameLabel);
  g.put(2, 10, 'text', form.project.name, { path: 'project.name' });
  g.row++;
  g.put(0, 2, 'label', '主管部门');
  g.put(2, 4, 'text', textOf(form.project.department), { path: 'project.department' });
  g.put(6, 1, 'label', '实施单位');
  g.put(7, 5, 'text', textOf(form.project.implementer), { path: 'project.implementer' });
  g.row++;
  g.put(0, 2, 'label', '项目负责人');
  g.put(2, 4, 'text', textOf(form.project.manager), { path: 'project.manager' });
  g.put(6, 1, 'label', '联系电话');
  g.put(7, 5, 'text', textOf(form.project.phone), { path: 'project.phone' });
  g.row++;
}

/** 执行率 of a sub-row, when it can be read (the 年度资金总额 row uses the report's). */
function subRowRate(row: FundingRow | null | undefined): number | null {
  if (!row?.annual || typeof row.executed !== 'number') return null;
  return Number((row.executed / row.annual).toFixed(6));
}

function fundingBlock(g: Grid, form: Form, report: ScoreReport): void {
  const printed = printedScores(form, report);
  const unit = form.funding?.unit ?? '万元';
  g.put(0, 2, 'label', `项目资金（${unit}）`, { rowSpan: 5 });
  g.put(2, 2, 'label', '');
  const heads = ['年初预算数', '全年预算数', '全年执行数', '分值', '执行率'];
  for (const [i, t] of heads.entries()) g.put(4 + i, 1, 'label', t);
  g.put(9, 3, 'label', '得分');
  g.row++;
  for (const [key, label] of FUNDING_ROWS) {
    const row = form.funding?.[key];
    const isTotal = key === 'total';
    const path = `funding.${key}`;
    g.put(2, 2, 'label', label);
    g.put(4, 1, 'amount', num(row?.initial), { path: `${path}.initial` });
    g.put(5, 1, 'amount', num(row?.annual), { path: `${path}.annual` });
    g.put(6, 1, 'amount', num(row?.executed), { path: `${path}.executed` });
    g.put(
      7,
      1,
      'weight', // a sub-row's 分值 and 得分 print '-' (the seed), centred like the numbers
      isTotal ? printed.fundingWeight : row ? '-' : '',
      isTotal ? { path: 'funding.weight' } : {},
    );
    g.put(8, 1, 'rate', isTotal ? report.funding.rate : subRowRate(row));
    g.put(9, 3, 'score', isTotal ? printed.funding : row ? '-' : '', isTotal ? { path: 'funding.total.score' } : {});
    g.row++;
  }
}

/**
 * The goal texts span as many sheet rows as their height needs: Excel caps a row at 409 points,
 * and a 1,000-character 实际完成情况 is taller than that on A4.
 */
function goalsBlock(g: Grid, form: Form): void {
  const expected = textOf(form.goals?.expected);
  const actual = textOf(form.goals?.actual);
  const height = Math.max(textHeight(expected, spanWidth(2, 4)), textHeight(actual, spanWidth(6, 6)));
  const span = Math.max(1, Math.ceil(height / MAX_ROW_POINTS));
  g.put(0, 2, 'label', '年度总体目标', { rowSpan: span + 1 });
  g.put(2, 4, 'label', '预期目标');
  g.put(6, 6, 'label', '实际完成情况');
  g.row++;
  g.put(2, 4, 'narrative', expected, { path: 'goals.expected', rowSpan: span });
  g.put(6, 6, 'narrative', actual, { path: 'goals.actual', rowSpan: span });
  g.row += span;
}

/** How many rows from `i` share the same key (0 when row i continues the run above it). */
function runLength<T>(items: readonly T[], i: number, key: (item: T) => string): number {
  if (i > 0 && key(items[i - 1]!) === key(items[i]!)) return 0;
  let n = 1;
  while (i + n < items.length && key(items[i + n]!) === key(items[i]!)) n++;
  return n;
}

function indicatorBlock(g: Grid, form: Form, report: ScoreReport): number {
  const printed = printedScores(form, report);
  const rows = form.indicators;
  const headerRow = g.row;
  g.put(0, 1, 'label', '绩效指标', { rowSpan: rows.length + 1 });
  const heads = [
    [1, 1, '一级指标'],
    [2, 1, '二级指标'],
    [3, 1, '三级指标'],
    [4, 1, '年度指标值'],
    [5, 2, '实际完成值'],
    [7, 1, '分值'],
    [8, 1, '得分'],
    [9, 3, '偏差原因分析及改进措施'],
  ] as const;
  for (const [col, span, text] of heads) g.put(col, span, 'label', text);
  g.row++;
  rows.forEach((row, i) => {
    const p = (field: string) => indicatorCellPath(i, field);
    const l1 = runLength(rows, i, (r) => r.level1);
    const l2 = runLength(rows, i, (r) => `${r.level1}\u0000${r.level2 ?? ''}`);
    if (l1) g.put(1, 1, 'level', row.level1, { rowSpan: l1, path: p('level1') });
    if (l2) g.put(2, 1, 'level', textOf(row.level2), { rowSpan: l2, path: p('level2') });
    g.put(3, 1, 'text', row.name, { path: p('name') });
    g.put(4, 1, 'text', textOf(row.target), { path: p('target') });
    g.put(5, 2, 'text', textOf(row.actual), { path: p('actual') });
    g.put(7, 1, 'weight', num(row.weight), { path: p('weight') });
    g.put(8, 1, 'score', printed.rows[i] ?? null, { path: p('score') });
    g.put(9, 3, 'narrative', textOf(row.deviation), { path: p('deviation') });
    g.row++;
  });
  g.put(0, 7, 'label', '总分');
  g.put(7, 1, 'weight', printed.weightTotal);
  g.put(8, 1, 'score', printed.total, { path: 'selfTotal' });
  g.put(9, 3, 'text', '');
  g.row++;
  return headerRow;
}

/** The form in the official layout, scores and 总分 from `report`. */
export function buildFormSheet(form: Form, report: ScoreReport): FormSheet {
  const g = new Grid();
  headBlock(g, form);
  fundingBlock(g, form, report);
  goalsBlock(g, form);
  const headerRow = indicatorBlock(g, form, report);
  return { title: sheetTitle(form), cells: g.cells, rowCount: g.row, widths: SHEET_WIDTHS, headerRow };
}

/**
 * The indicator table: its header band (one or two rows; 年度指标值 may split into 指标性质 /
 * 指标值 / 度量单位), then one indicator per row until 总分 or a footer. Spacer rows, template rows
 * (`指标1：`, `……`), block totals and `其中…` sub-rows are left out and reported.
 */
import type { FormInput } from '../../core/schema/form.js';
import { indicatorCellPath } from '../../core/narratives/paths.js';
import { isPlaceholder } from '../../core/parse/placeholder.js';
import { labelKey } from './cell-text.js';
import { numberOf } from './grid-funding.js';
import { isEmptyRow, rowText, type Grid, type GridCell } from './grid.js';
import {
  BLOCK_TOTAL,
  FOOTER,
  INDICATOR_COLUMNS,
  LEVEL1,
  SUB_ROW,
  TOTAL_LABEL,
  type IndicatorColumn,
} from './labels.js';
import type { ReportBuilder } from './report.js';
import { joinTarget, percentActual } from './target-cells.js';

type Indicator = FormInput['indicators'][number];
export type Columns = Map<IndicatorColumn, number>;

export interface IndicatorHeader {
  firstRow: number;
  lastRow: number;
  columns: Columns;
}

function classify(text: string): IndicatorColumn | null {
  const key = labelKey(text);
  return INDICATOR_COLUMNS.find(([, pattern]) => pattern.test(key))?.[0] ?? null;
}

function columnsOf(row: GridCell[]): Columns {
  const columns: Columns = new Map();
  row.forEach((cell, c) => {
    const key = classify(cell.text);
    if (key && !columns.has(key)) columns.set(key, c);
  });
  return columns;
}

/** The header band: the row naming 三级指标 (or 一级指标) with its neighbours that also hold labels. */
export function findIndicatorHeader(grid: Grid): IndicatorHeader | null {
  for (let r = 0; r < grid.rows.length; r++) {
    const columns = columnsOf(grid.rows[r]!);
    if (!columns.has('name') && !columns.has('level1')) continue;
    if (!columns.has('actual') && !columns.has('target') && !columns.has('weight') && !columns.has('value')) {
      const below = columnsOf(grid.rows[r + 1] ?? []);
      const above = columnsOf(grid.rows[r - 1] ?? []);
      if (below.size < 2 && above.size < 2) continue;
    }
    let firstRow = r;
    let lastRow = r;
    if (r > 0 && columnsOf(grid.rows[r - 1]!).size >= 2) firstRow = r - 1;
    if (columnsOf(grid.rows[r + 1] ?? []).size >= 2) lastRow = r + 1;
    return { firstRow, lastRow, columns: mergeBand(grid, firstRow, lastRow) };
  }
  return null;
}

/** One column map for the band: a lower row's label wins (指标性质 under a merged 年度指标值). */
function mergeBand(grid: Grid, firstRow: number, lastRow: number): Columns {
  const byColumn = new Map<number, IndicatorColumn>();
  for (let r = firstRow; r <= lastRow; r++) {
    grid.rows[r]!.forEach((cell, c) => {
      const key = classify(cell.text);
      if (key) byColumn.set(c, key);
    });
  }
  const columns: Columns = new Map();
  for (const [c, key] of [...byColumn.entries()].sort((a, b) => a[0] - b[0])) {
    if (!columns.has(key)) columns.set(key, c);
  }
  // 年度指标值 over split columns names the band, not a column of its own
  const value = columns.get('value');
  if (value !== undefined && (columns.get('target') ?? -1) >= value) columns.delete('target');
  if (columns.has('value') && !columns.has('target') && !columns.has('sign')) {
    columns.set('target', columns.get('value')!);
    columns.delete('value');
  }
  return columns;
}

interface RowState {
  level1: string;
  level2: string | null;
  previous: Indicator | null;
}

/** Reads indicator rows after the header band; returns them and the 总分 if one is printed. */
export function readIndicators(grid: Grid, header: IndicatorHeader, report: ReportBuilder) {
  const indicators: Indicator[] = [];
  const state: RowState = { level1: '', level2: null, previous: null };
  let selfTotal: number | null = null;
  let footer = false;
  noteLayout(header.columns, report);
  for (let r = header.lastRow + 1; r < grid.rows.length; r++) {
    const row = grid.rows[r]!;
    if (isEmptyRow(row)) continue;
    const first = labelKey(row.find((cell) => cell.text.trim() !== '')!.text);
    if (footer || FOOTER.test(first)) {
      footer = true;
      report.skip(row[0]?.ref ?? '', rowText(row), '表尾（注、填报人、日期等），不属于表单内容');
      continue;
    }
    if (TOTAL_LABEL.test(first)) {
      selfTotal = readTotal(row, header.columns, report);
      footer = true;
      continue;
    }
    const indicator = readRow(row, header.columns, state, report, indicators.length);
    if (indicator) indicators.push(indicator);
  }
  return { indicators, selfTotal };
}

function noteLayout(columns: Columns, report: ReportBuilder): void {
  if (columns.has('sign') || columns.has('unit')) report.layouts.add('split-target');
  const weight = columns.get('weight');
  const target = columns.get('target') ?? columns.get('sign');
  if (weight !== undefined && target !== undefined && weight < target) report.layouts.add('xianjie');
  if (weight === undefined) {
    report.layouts.add('budget-20');
    report.infer('indicators.*.weight', null, '指标表没有“分值”列：各指标分值留空，由评分规则按块权重处理');
  }
  if (report.layouts.size === 0) report.layouts.add('standard');
}

function cellOf(row: GridCell[], columns: Columns, key: IndicatorColumn): GridCell | undefined {
  const c = columns.get(key);
  return c === undefined ? undefined : row[c];
}

function textOf(row: GridCell[], columns: Columns, key: IndicatorColumn): string {
  return cellOf(row, columns, key)?.text.trim() ?? '';
}

function readTotal(row: GridCell[], columns: Columns, report: ReportBuilder): number | null {
  const scoreCell = cellOf(row, columns, 'score');
  const cells = scoreCell && numberOf(scoreCell) !== null ? [scoreCell] : [...row].reverse();
  const cell = cells.find((c) => numberOf(c) !== null);
  if (!cell) return null;
  const value = numberOf(cell)!;
  report.took('selfTotal', cell.ref, value);
  return value;
}

/** Level labels carry down rows (merged cells, or text tables that print them once). */
function levels(row: GridCell[], columns: Columns, state: RowState, report: ReportBuilder): void {
  const l1 = labelKey(textOf(row, columns, 'level1'));
  if (l1 !== '') {
    const m = LEVEL1.exec(l1);
    const next = m ? m[1]! : l1;
    if (m?.[2] && next !== state.level1) {
      report.skip(cellOf(row, columns, 'level1')!.ref, l1, `一级指标标注的${m[2]}分仅作核对，不导入`);
    }
    if (next !== state.level1) state.level2 = null;
    state.level1 = next;
  }
  const l2 = labelKey(textOf(row, columns, 'level2'));
  if (l2 !== '') state.level2 = l2;
}

function readRow(
  row: GridCell[],
  columns: Columns,
  state: RowState,
  report: ReportBuilder,
  index: number,
): Indicator | null {
  levels(row, columns, state, report);
  const ref = row[0]?.ref ?? '';
  const name = textOf(row, columns, 'name');
  const nameKey = labelKey(name);
  if (BLOCK_TOTAL.test(nameKey) || BLOCK_TOTAL.test(labelKey(textOf(row, columns, 'level2')))) {
    report.skip(ref, rowText(row), '块合计行，不是指标');
    return null;
  }
  const target = joinTarget(row, columns, indicatorCellPath(index, 'target'), report);
  const actualCell = cellOf(row, columns, 'actual');
  const weightCell = cellOf(row, columns, 'weight');
  const scoreCell = cellOf(row, columns, 'score');
  const weight = weightCell ? numberOf(weightCell) : null;
  const score = scoreCell ? numberOf(scoreCell) : null;
  const actualText = actualCell?.text.trim() ?? '';
  const hasValues = (target ?? '') !== '' || actualText !== '' || weight !== null || score !== null;
  if (SUB_ROW.test(nameKey)) {
    report.skip(ref, rowText(row), '“其中”子项：无分值，是上一指标的明细，不单独评分');
    return null;
  }
  if ((name === '' || isPlaceholder(name)) && !hasValues) {
    report.skip(ref, rowText(row), name === '' ? '空行（只有指标层级）' : '模板占位行（指标N：/……），未填写');
    return null;
  }
  const values = { name, target, actualCell, weight, score, weightCell, scoreCell };
  return buildIndicator(row, columns, state, report, index, values);
}

interface RowValues {
  name: string;
  target: string | null;
  actualCell: GridCell | undefined;
  weight: number | null;
  score: number | null;
  weightCell: GridCell | undefined;
  scoreCell: GridCell | undefined;
}

function buildIndicator(
  row: GridCell[],
  columns: Columns,
  state: RowState,
  report: ReportBuilder,
  index: number,
  v: RowValues,
): Indicator {
  const path = (field: string) => indicatorCellPath(index, field);
  const nameCell = cellOf(row, columns, 'name');
  if (nameCell) report.took(path('name'), nameCell.ref, v.name);
  report.took(path('level1'), cellOf(row, columns, 'level1')?.ref ?? '（上一行）', state.level1);
  const actual = v.actualCell ? percentActual(v.actualCell, v.target, path('actual'), report) : null;
  if (v.weightCell && v.weight !== null) report.took(path('weight'), v.weightCell.ref, v.weight);
  if (v.scoreCell && v.score !== null) report.took(path('score'), v.scoreCell.ref, v.score);
  const deviationCell = cellOf(row, columns, 'deviation');
  const deviation = deviationCell?.text.trim() || null;
  if (deviationCell && deviation) report.took(path('deviation'), deviationCell.ref, deviation);
  if (state.level1 === '') report.miss(row[0]?.ref ?? '', rowText(row), `${path('level1')} 一级指标未找到`);
  return {
    level1: state.level1,
    level2: state.level2,
    name: v.name,
    target: v.target,
    actual,
    weight: v.weight,
    score: v.score,
    deviation,
  };
}

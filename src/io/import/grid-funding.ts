/**
 * The 项目资金 block: its column headers (年初预算数 / 全年预算数(A) / 全年执行数(B) / 分值 / 执行率 /
 * 得分, or the 20-point 预算数 / 执行数 / 执行率 / 得分(20分*执行率)) and the rows 年度资金总额,
 * 其中 当年财政拨款 / 上年结转资金 / 其他资金 (scoring-rules.md §2).
 */
import type { FormInput } from '../../core/schema/form.js';
import { isPlaceholder } from '../../core/parse/placeholder.js';
import { amountIn, cellNumber, labelKey } from './cell-text.js';
import { findLabel, isEmptyRow, type Grid, type GridCell } from './grid.js';
import { FUNDING_COLUMNS, FUNDING_ROWS, FUNDING_TITLE } from './labels.js';
import type { ReportBuilder } from './report.js';

type Funding = NonNullable<FormInput['funding']>;
type ColumnKey = (typeof FUNDING_COLUMNS)[number][0];
type RowKey = (typeof FUNDING_ROWS)[number][0];
type MoneyUnit = '万元' | '元';

interface FundingHeader {
  row: number;
  columns: Map<ColumnKey, number>;
}

/** The row with the funding column headers: at least an executed and a budget column. */
export function findFundingHeader(grid: Grid, toRow: number): FundingHeader | null {
  for (let r = 0; r < Math.min(toRow, grid.rows.length); r++) {
    const columns = new Map<ColumnKey, number>();
    grid.rows[r]!.forEach((cell, c) => {
      const key = labelKey(cell.text);
      const hit = FUNDING_COLUMNS.find(([, pattern]) => pattern.test(key));
      if (hit && !columns.has(hit[0])) columns.set(hit[0], c);
    });
    if (columns.has('executed') && (columns.has('annual') || columns.has('initial'))) return { row: r, columns };
  }
  return null;
}

/** Reads the funding block between its header and `toRow`. */
export function readFunding(grid: Grid, report: ReportBuilder, toRow: number): Funding | undefined {
  const header = findFundingHeader(grid, toRow);
  if (!header) {
    report.miss('项目资金', '', '未找到项目资金表头（年初预算数/全年预算数/全年执行数）');
    return undefined;
  }
  const unit = fundingUnit(grid, header.row, report);
  const funding: Funding = { unit };
  const titleWeight = weightFromTitle(grid, header.row, report);
  let totalRow: GridCell[] | undefined;
  let found = 0;
  for (let r = header.row + 1; r < toRow; r++) {
    const row = grid.rows[r]!;
    const key = rowKey(row);
    if (!key || funding[key]) continue;
    funding[key] = readRow(row, key, header, unit, report);
    if (key === 'total') totalRow = row;
    found++;
  }
  if (found === 0) totalRow = readUnlabelledTotal(grid, header, unit, toRow, report, funding);
  const weightCol = header.columns.get('weight');
  const weightCell = weightCol === undefined ? undefined : totalRow?.[weightCol];
  const weight = weightCell ? numberOf(weightCell) : null;
  if (weight !== null && weightCell) {
    funding.weight = weight;
    report.took('funding.weight', weightCell.ref, weight);
  } else if (titleWeight !== null) {
    funding.weight = titleWeight;
    if (titleWeight === 20) report.layouts.add('budget-20');
  }
  return funding;
}

function rowKey(row: GridCell[]): RowKey | null {
  for (const cell of row.slice(0, 4)) {
    const key = labelKey(cell.text);
    const hit = FUNDING_ROWS.find(([, pattern]) => pattern.test(key));
    if (hit) return hit[0];
  }
  return null;
}

function readRow(row: GridCell[], key: RowKey, header: FundingHeader, unit: MoneyUnit, report: ReportBuilder) {
  const values: Record<string, number | null> = { initial: null, annual: null, executed: null };
  for (const field of ['initial', 'annual', 'executed'] as const) {
    const col = header.columns.get(field);
    if (col === undefined) continue;
    values[field] = readAmount(row[col], `funding.${key}.${field}`, unit, report);
  }
  const scoreCol = header.columns.get('score');
  if (key === 'total' && scoreCol !== undefined && row[scoreCol]) {
    const score = numberOf(row[scoreCol]!);
    values.score = score;
    if (score !== null) report.took('funding.total.score', row[scoreCol]!.ref, score);
  }
  if (key === 'total') noteRate(row, header, report);
  return values;
}

function noteRate(row: GridCell[], header: FundingHeader, report: ReportBuilder): void {
  const col = header.columns.get('rate');
  const cell = col === undefined ? undefined : row[col];
  if (cell && cell.text.trim() !== '')
    report.skip(cell.ref, cell.text.trim(), '执行率由评分按全年执行数/全年预算数重新计算，不导入');
}

function readAmount(cell: GridCell | undefined, path: string, unit: MoneyUnit, report: ReportBuilder): number | null {
  if (!cell || cell.text.trim() === '' || isPlaceholder(cell.text)) return null;
  const n = cell.number !== undefined ? { value: cell.number, unit: null } : cellNumber(cell.text);
  if (!n) {
    report.miss(cell.ref, cell.text, `${path} 不是数字`);
    return null;
  }
  const { value, converted } = amountIn(n, unit);
  if (converted) report.infer(path, value, `${cell.ref} 写作“${cell.text.trim()}”，换算为${unit}`);
  else report.took(path, cell.ref, value);
  return value;
}

/** A number cell: the value, or the number its text holds (`10.00`, `１０`, `10分`). */
export function numberOf(cell: GridCell): number | null {
  if (cell.number !== undefined) return cell.number;
  const n = cellNumber(cell.text);
  return n && n.unit !== '%' ? n.value : null;
}

function fundingUnit(grid: Grid, headerRow: number, report: ReportBuilder): MoneyUnit {
  for (let r = Math.max(0, headerRow - 3); r <= headerRow + 1; r++) {
    for (const cell of grid.rows[r] ?? []) {
      const key = labelKey(cell.text);
      if (!FUNDING_TITLE.test(key) && !/^单位[:]/.test(key)) continue;
      const unit = /\(万元\)|单位[:]万元/.test(key) ? '万元' : /\(元\)|单位[:]元/.test(key) ? '元' : null;
      if (unit) {
        report.took('funding.unit', cell.ref, unit);
        return unit;
      }
    }
  }
  report.infer('funding.unit', '万元', '表中未写资金单位，按常用的万元读取');
  return '万元';
}

function weightFromTitle(grid: Grid, headerRow: number, report: ReportBuilder): number | null {
  const at = findLabel(grid, FUNDING_TITLE, Math.max(0, headerRow - 2), headerRow + 2);
  const cell = at ? grid.rows[at.row]![at.col]! : null;
  const m = cell ? /\((\d{1,2})分\)/.exec(labelKey(cell.text)) : null;
  if (!cell || !m) return null;
  report.took('funding.weight', cell.ref, Number(m[1]));
  return Number(m[1]);
}

/** Hubei-style blocks have no 年度资金总额 label: the first row of numbers under the header is the total. */
function readUnlabelledTotal(
  grid: Grid,
  header: FundingHeader,
  unit: MoneyUnit,
  toRow: number,
  report: ReportBuilder,
  funding: Funding,
): GridCell[] | undefined {
  for (let r = header.row + 1; r < toRow; r++) {
    const row = grid.rows[r]!;
    if (isEmptyRow(row)) continue;
    const col = header.columns.get('executed')!;
    if (!row[col] || numberOf(row[col]!) === null) return undefined;
    report.infer(
      'funding.total',
      null,
      `资金表没有“年度资金总额”行，第一行数字（${row[col]!.ref} 所在行）按资金总额读取`,
    );
    funding.total = readRow(row, 'total', header, unit, report);
    return row;
  }
  return undefined;
}

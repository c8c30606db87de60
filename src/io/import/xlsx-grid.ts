/**
 * Worksheets as grids, read with @cj-tech-master/excelts (its browser build: no node:fs, so it
 * runs in Workers too). Merged cells give their value to every cell they cover; a formula gives
 * its cached result; a number in a percent format reads as `85%`.
 */
import { Workbook, type Cell, type Row, type Worksheet } from '@cj-tech-master/excelts/browser';
import { ZipingError } from '../../core/errors.js';
import { formatNumber } from './cell-text.js';
import type { Grid, GridCell } from './grid.js';
import { IMPORT_LIMITS } from './limits.js';
import type { ReportBuilder } from './report.js';

/** Loads the workbook (after `scanZip` has checked its limits). */
export async function loadWorkbook(bytes: Uint8Array): Promise<Workbook> {
  const workbook = new Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (error) {
    throw new ZipingError('import_unreadable', `无法读取该 .xlsx 工作簿（${(error as Error).message}）`);
  }
  return workbook;
}

type Value = Cell['value'];

function dateText(d: Date): string {
  return `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日`;
}

/** The text and number a cell value shows. */
interface Shown {
  text: string;
  number?: number;
  formulaWithoutResult?: boolean;
}

function shown(value: Value, numFmt: string | undefined): Shown {
  if (value === null || value === undefined) return { text: '' };
  if (typeof value === 'number') {
    const percent = numFmt?.includes('%') ?? false;
    return { text: percent ? `${formatNumber(value * 100)}%` : formatNumber(value), number: value };
  }
  if (typeof value === 'string') return { text: value };
  if (typeof value === 'boolean') return { text: value ? '是' : '否' };
  if (value instanceof Date) return { text: dateText(value) };
  if (typeof value === 'object') {
    if ('richText' in value) return { text: value.richText.map((part: { text: string }) => part.text).join('') };
    if ('formula' in value || 'sharedFormula' in value) {
      const result = (value as { result?: Value }).result;
      if (result === undefined || result === null) return { text: '', formulaWithoutResult: true };
      return shown(result as Value, numFmt);
    }
    if ('text' in value && typeof value.text === 'string') return { text: value.text };
    if ('error' in value) return { text: '' };
  }
  return { text: String(value) };
}

/** The grid of one worksheet, with merged copies marked; formulas without a cached result reported. */
export function sheetGrid(sheet: Worksheet, report: ReportBuilder): Grid {
  const rows: GridCell[][] = [];
  const columns = Math.min(sheet.columnCount, IMPORT_LIMITS.maxColumns);
  // Only rows that exist: one cell at row 1,000,000 must not make a million empty rows
  sheet.eachRow({ includeEmpty: false }, (sheetRow: Row) => {
    const row: GridCell[] = [];
    for (let c = 1; c <= columns; c++) row.push(gridCell(sheet.name, sheetRow.getCell(c), report));
    rows.push(row);
  });
  return { sheet: sheet.name, rows };
}

function gridCell(sheetName: string, cell: Cell, report: ReportBuilder): GridCell {
  const master = cell.isMerged ? cell.master : cell;
  const view = shown(master.value, master.numFmt);
  const ref = `${sheetName}!${cell.address}`;
  if (view.formulaWithoutResult && master === cell) {
    const formula = String((cell.value as { formula?: string }).formula ?? '');
    report.miss(ref, formula, '公式没有保存计算结果：请在 Excel 中打开并保存后再导入');
  }
  return {
    text: view.text,
    ref,
    ...(view.number !== undefined ? { number: view.number } : {}),
    ...(master !== cell ? { mergedCopy: true } : {}),
  };
}

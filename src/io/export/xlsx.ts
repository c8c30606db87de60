/**
 * Writes the 自评表 as .xlsx in the official layout (form-sheet.ts), A4 landscape, fit to width.
 * Library: @cj-tech-master/excelts 5.1.17 (the exceljs API; its browser build needs no Node
 * built-in, so this runs in a Worker too). Returns bytes; nothing here touches a file system.
 */
import { Workbook, type Cell, type Worksheet } from '@cj-tech-master/excelts/browser';
import type { Form, ScoreReport } from '../../core/index.js';
import type { ReviewRecord } from '../../core/review/record.js';
import { buildFormSheet, type CellKind, type FormSheet, type SheetCell } from './form-sheet.js';
import { buildReviewSheet, hasReview } from './review-sheet.js';
import { LINE_POINTS, MAX_ROW_POINTS, spanWidth, textHeight } from './text-fit.js';
import { quoteFormulaLikeText } from './quote-prefix.js';
import { xmlSafe } from './xml-safe.js';

const FONT = '宋体';
const thin = { style: 'thin' as const };
const BORDER: Cell['border'] = { top: thin, left: thin, bottom: thin, right: thin };

const NUM_FMT: Partial<Record<CellKind, string>> = {
  amount: '#,##0.00',
  rate: '0.00%',
  score: '0.00',
  weight: 'General',
};

function alignmentOf(cell: SheetCell): Cell['alignment'] {
  const vertical = cell.kind === 'narrative' ? 'top' : 'middle';
  if (cell.col === 0 && cell.colSpan === 1)
    return { horizontal: 'center', vertical, wrapText: true, textRotation: 'vertical' };
  const left = cell.kind === 'text' || cell.kind === 'narrative';
  const right = cell.kind === 'amount';
  return { horizontal: left ? 'left' : right ? 'right' : 'center', vertical, wrapText: true };
}

function fontOf(kind: CellKind): { name: string; size: number; bold: boolean } {
  if (kind === 'title') return { name: FONT, size: 16, bold: true };
  if (kind === 'subtitle') return { name: FONT, size: 11, bold: false };
  return { name: FONT, size: 10, bold: kind === 'label' };
}

/** excelts' private index of merged ranges (5.1.17, pinned exactly). */
type MergeIndex = { _merges: Record<string, unknown> };

/**
 * Merges a range without excelts' check against every earlier merge: that check is quadratic
 * (a 2,000-row form took 21 s to merge, 1.3 s without it). The grid never overlaps its own
 * ranges (form-sheet.ts; the export tests compare every merge), so the check adds nothing.
 */
function mergeRange(
  ws: Worksheet,
  merged: Record<string, unknown>,
  top: number,
  left: number,
  bottom: number,
  right: number,
) {
  const index = ws as unknown as MergeIndex;
  index._merges = {};
  ws.mergeCells(top, left, bottom, right);
  Object.assign(merged, index._merges);
  index._merges = merged;
}

/** Writes one grid cell and styles every sheet cell it covers (merged borders are per cell). */
function writeCell(ws: Worksheet, cell: SheetCell, merged: Record<string, unknown>): void {
  const top = cell.row + 1;
  const left = cell.col + 1;
  const bottom = top + cell.rowSpan - 1;
  const right = left + cell.colSpan - 1;
  if (bottom > top || right > left) mergeRange(ws, merged, top, left, bottom, right);
  const target = ws.getCell(top, left);
  // Text is a string cell (a shared string), never a formula, whatever it starts with.
  const text = typeof cell.value === 'string' ? xmlSafe(cell.value) : null;
  target.value = text === '' ? null : (text ?? cell.value);
  const framed = cell.kind !== 'title' && cell.kind !== 'subtitle';
  for (let r = top; r <= bottom; r++) {
    for (let c = left; c <= right; c++) styleCell(ws.getCell(r, c), cell, framed);
  }
}

function styleCell(target: Cell, cell: SheetCell, framed: boolean): void {
  target.font = fontOf(cell.kind);
  target.alignment = alignmentOf(cell);
  if (framed) target.border = BORDER;
  const fmt = NUM_FMT[cell.kind];
  if (fmt) target.numFmt = fmt;
}

/** Row heights that show every wrapped line: single-row cells first, then spans share their need. */
function rowHeights(sheet: FormSheet): number[] {
  const heights = Array.from({ length: sheet.rowCount }, () => LINE_POINTS + 8);
  heights[0] = 30;
  const need = (c: SheetCell) => (typeof c.value === 'string' ? textHeight(c.value, spanWidth(c.col, c.colSpan)) : 0);
  for (const c of sheet.cells.filter((x) => x.rowSpan === 1)) heights[c.row] = Math.max(heights[c.row]!, need(c));
  for (const c of sheet.cells.filter((x) => x.rowSpan > 1)) {
    const rows = heights.slice(c.row, c.row + c.rowSpan);
    const missing = need(c) - rows.reduce((a, h) => a + h, 0);
    if (missing > 0)
      rows.forEach((h, i) => {
        heights[c.row + i] = h + missing / c.rowSpan;
      });
  }
  return heights.map((h) => Math.min(MAX_ROW_POINTS, Math.ceil(h)));
}

function setUpPage(ws: Worksheet, sheet: FormSheet): void {
  ws.pageSetup = {
    ...ws.pageSetup,
    paperSize: 9, // A4
    orientation: 'landscape',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    horizontalCentered: true,
    margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.6, header: 0.3, footer: 0.3 },
    printTitlesRow: `${sheet.headerRow + 1}:${sheet.headerRow + 1}`,
  };
  ws.headerFooter = { ...ws.headerFooter, oddFooter: '第 &P 页，共 &N 页' };
}

/** Adds `sheet` as a worksheet named `name`. */
function addSheet(wb: Workbook, name: string, sheet: FormSheet): void {
  const ws = wb.addWorksheet(name);
  ws.columns = sheet.widths.map((width) => ({ width }));
  const merged: Record<string, unknown> = {};
  for (const cell of sheet.cells) writeCell(ws, cell, merged);
  rowHeights(sheet).forEach((height, i) => {
    ws.getRow(i + 1).height = height;
  });
  setUpPage(ws, sheet);
}

/** The scored form as .xlsx bytes in the official layout; a second sheet 审核意见 when it was reviewed. */
export async function formToXlsx(form: Form, report: ScoreReport, review?: ReviewRecord | null): Promise<Uint8Array> {
  const wb = new Workbook();
  wb.creator = 'Ziping 绩效自评助手';
  addSheet(wb, '自评表', buildFormSheet(form, report));
  if (hasReview(review)) addSheet(wb, '审核意见', buildReviewSheet(form, report, review));
  const bytes = await wb.xlsx.writeBuffer();
  return quoteFormulaLikeText(bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes as ArrayBuffer));
}

/**
 * Importing a form: an uploaded file (.xlsx or text) or pasted text in, `{ form, report }` out.
 * Pure: no file system, no Node built-ins, so the same code runs in Workers (issue 10, 11).
 */
import { ZipingError } from '../../core/errors.js';
import type { TextModel } from '../../drafting/text-model.js';
import { assistTextImport, type Unread } from './model-assist.js';
import type { Form } from '../../core/schema/form.js';
import { formFromGrid, looksLikeForm } from './grid-form.js';
import type { Grid, GridCell } from './grid.js';
import { IMPORT_LIMITS } from './limits.js';
import { ReportBuilder, type ImportReport } from './report.js';
import { decodeText, sniffFile } from './sniff.js';
import { formFromText } from './text-flow.js';
import { loadWorkbook, sheetGrid } from './xlsx-grid.js';
import { scanZip } from './zip-guard.js';

export interface ImportResult {
  form: Form;
  report: ImportReport;
}

export interface ImportOptions {
  /** The year used when the form states none (reported as inferred). */
  fallbackYear?: number;
  /** A configured model, asked about text the built-in parser could not place (text imports only). */
  model?: TextModel | null;
  /** Cancels the model's help (a closed request). */
  signal?: AbortSignal;
}

function defaultYear(options: ImportOptions): number {
  return options.fallbackYear ?? new Date().getUTCFullYear() - 1;
}

/** Imports an uploaded file: an .xlsx workbook or a text file. */
export async function importFile(bytes: Uint8Array, options: ImportOptions = {}): Promise<ImportResult> {
  if (sniffFile(bytes) === 'text') return importTextAssisted(decodeText(bytes), options);
  return importWorkbook(bytes, options);
}

/** Imports pasted text; with `options.model`, the model is asked about what the parser left unread. */
export async function importTextAssisted(text: string, options: ImportOptions = {}): Promise<ImportResult> {
  const { result, fragments, columns } = readText(text, options);
  if (!options.model || fragments.length === 0) return result;
  return assistTextImport(result, { fragments, columns }, options.model, options.signal);
}

/** Imports an .xlsx workbook: limits checked on the zip first, then the form's sheet found by its labels. */
export async function importWorkbook(bytes: Uint8Array, options: ImportOptions = {}): Promise<ImportResult> {
  const scan = scanZip(bytes);
  if (!scan.entries.includes('xl/workbook.xml')) {
    throw new ZipingError('unsupported_file_type', '这是 zip 文件（可能是 .docx），不是 .xlsx 工作簿');
  }
  const workbook = await loadWorkbook(bytes);
  for (const sheet of workbook.worksheets) {
    const report = new ReportBuilder();
    const grid = sheetGrid(sheet, report);
    if (!looksLikeForm(grid)) continue;
    const form = formFromGrid(grid, report, defaultYear(options));
    return { form, report: report.build('xlsx', sheet.name) };
  }
  throw new ZipingError(
    'import_unreadable',
    '工作簿中没有找到自评表：没有一张工作表含“一级指标/二级指标/三级指标”表头',
  );
}

/** Imports pasted text: a table with tabs (copied from a spreadsheet) or flowing text. */
export function importText(text: string, options: ImportOptions = {}): ImportResult {
  return readText(text, options).result;
}

/** The built-in reading of pasted text, and the texts it could not place, in full. */
function readText(text: string, options: ImportOptions): { result: ImportResult } & Unread {
  if (text.length > IMPORT_LIMITS.maxTextChars) {
    throw new ZipingError('import_limit_exceeded', `文本超过 ${IMPORT_LIMITS.maxTextChars} 个字符的导入上限`, {
      details: { limit: IMPORT_LIMITS.maxTextChars },
    });
  }
  const lines = text.split('\n');
  if (lines.length > IMPORT_LIMITS.maxTextLines) {
    throw new ZipingError('import_limit_exceeded', `文本超过 ${IMPORT_LIMITS.maxTextLines} 行的导入上限`, {
      details: { limit: IMPORT_LIMITS.maxTextLines },
    });
  }
  if (text.trim() === '') throw new ZipingError('import_unreadable', '没有可导入的文字');
  const report = new ReportBuilder();
  const grid = tabGrid(lines);
  const year = defaultYear(options);
  const form = grid && looksLikeForm(grid) ? formFromGrid(grid, report, year) : formFromText(text, report, year);
  const result = { form, report: report.build('text', null) };
  return { result, fragments: report.unreadFull, columns: report.rowColumns };
}

/** Text copied from a spreadsheet: tab-separated cells, one row per line. */
function tabGrid(lines: string[]): Grid | null {
  const tabbed = lines.filter((l) => l.includes('\t')).length;
  if (tabbed < 5 || tabbed < lines.filter((l) => l.trim() !== '').length / 2) return null;
  const rows: GridCell[][] = lines.map((line, r) =>
    line
      .replace(/\r$/, '')
      .split('\t')
      .slice(0, IMPORT_LIMITS.maxColumns)
      .map((text, c) => ({ text: text.replace(/^"|"$/g, ''), ref: `第${r + 1}行第${c + 1}格` })),
  );
  return { sheet: null, rows };
}

/** Importing forms from .xlsx workbooks and pasted text (issue 10). Pure: runs on Node and Workers. */
export {
  importFile,
  importText,
  importTextAssisted,
  importWorkbook,
  type ImportOptions,
  type ImportResult,
} from './import-form.js';
export { ImportReportSchema, reportSummary, type ImportReport } from './report.js';
export { IMPORT_LIMITS } from './limits.js';

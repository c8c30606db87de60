/**
 * Export of a scored form: .xlsx (the 自评表 in the official layout) and .docx (the 自评表 and the
 * 绩效自评报告). Runtime-neutral: bytes in memory, no file system, so the CLI, the Node service and
 * the Worker share it.
 */
import type { Form, ScoreReport } from '../../core/index.js';
import { formToDocx, type DocxParts } from './docx.js';
import type { ReportProse } from './report-prose.js';
import { formToXlsx } from './xlsx.js';
import type { ReviewRecord } from '../../core/review/record.js';

export { formToDocx, formToXlsx, type DocxParts };
export { buildReportProse, type ReportProse } from './report-prose.js';
export { buildReviewSheet, hasReview } from './review-sheet.js';
export { proseHeader, writeReportProse, type ProseOutcome, type SectionOutcome } from './report-prose-model.js';

export type ExportFormat = 'xlsx' | 'docx';

/** MIME types of the exported files. */
export const EXPORT_CONTENT_TYPES: Record<ExportFormat, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};

export const DOCX_PARTS: readonly DocxParts[] = ['both', 'table', 'report'];

/** Characters a file name may not hold on Windows, macOS or Linux, and controls. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what this removes
const UNSAFE_NAME = /[\\/:*?"<>|\u0000-\u001f\u007f]/g;
const MAX_NAME_CHARS = 80;

/** `2022年度北京智源人工智能研究院建设绩效自评表.xlsx`: year, project, what the file holds. */
export function exportFileName(form: Form, format: ExportFormat, parts: DocxParts = 'both'): string {
  const name = [...form.project.name.replace(UNSAFE_NAME, '').trim()].slice(0, MAX_NAME_CHARS).join('') || '未命名项目';
  const what =
    format === 'xlsx' || parts === 'table'
      ? '绩效自评表'
      : parts === 'report'
        ? '绩效自评报告'
        : '绩效自评表及自评报告';
  return `${form.year}年度${name}${what}.${format}`;
}

/**
 * The file's bytes; `prose` is the report's checked prose (writeReportProse), built in when absent;
 * with the form's review (issue #12) the file also shows 审核得分 and 审核意见.
 */
export async function exportForm(
  form: Form,
  report: ScoreReport,
  format: ExportFormat,
  parts: DocxParts = 'both',
  prose?: ReportProse,
  review?: ReviewRecord | null,
): Promise<Uint8Array> {
  return format === 'xlsx' ? formToXlsx(form, report, review) : formToDocx(form, report, parts, prose, review);
}

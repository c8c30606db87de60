/**
 * The import report: what an import read from which cell or line, what it inferred and why, what
 * it left out on purpose and what it could not read. Returned beside the form by every import
 * (CLI, `POST /api/import`, the page); nothing is guessed without an entry here.
 */
import { z } from 'zod';
import type { RowColumn } from './glued-rows.js';

/** A value read from the source: `from` is a cell (`自评表!C7`) or a line (`第12行`). */
export const ReadEntrySchema = z.object({
  path: z.string(),
  from: z.string(),
  value: z.union([z.string(), z.number(), z.null()]),
});

/** A value the importer decided without reading it directly, with the reason. */
export const InferredEntrySchema = z.object({
  path: z.string(),
  value: z.union([z.string(), z.number(), z.null()]),
  why: z.string(),
  /** `model` when a configured model placed it; otherwise the built-in parser did. */
  by: z.enum(['parser', 'model']).default('parser'),
});

/** Source text left out: spacer/template rows, totals, footers (`skipped`) or text not placed (`unread`). */
export const SourceNoteSchema = z.object({
  from: z.string(),
  text: z.string(),
  why: z.string(),
});

export const ImportLayoutSchema = z.enum([
  'standard', // MOF 10号 附件1 layout (and the A/B variant)
  'department', // 部门整体支出绩效自评表
  'split-target', // system exports: 指标性质 / 指标值 / 度量单位
  'xianjie', // 衔接资金 绩效目标自评表: 分值 before 年度指标值
  'budget-20', // 预算执行 20 分, no per-indicator 分值
  'flowing-text', // pasted text without cell separators
]);

/** What a configured model did for an import (text only): rows it placed, rows refused, or why it could not help. */
export const ImportAssistSchema = z.object({
  model: z.string(),
  placed: z.number().int(),
  rejected: z.number().int(),
  /** Why the model's answer (or some of it) was not used; null when all of it was. */
  message: z.string().nullable(),
});

export const ImportReportSchema = z.object({
  source: z.enum(['xlsx', 'text']),
  /** The sheet the form was found on (xlsx only). */
  sheet: z.string().nullable(),
  layouts: z.array(ImportLayoutSchema),
  read: z.array(ReadEntrySchema),
  inferred: z.array(InferredEntrySchema),
  skipped: z.array(SourceNoteSchema),
  unread: z.array(SourceNoteSchema),
  /** Present when a model was asked about the text the parser could not place. */
  assist: ImportAssistSchema.optional(),
});

export type ReadEntry = z.infer<typeof ReadEntrySchema>;
export type InferredEntry = z.input<typeof InferredEntrySchema>;
export type SourceNote = z.infer<typeof SourceNoteSchema>;
export type ImportLayout = z.infer<typeof ImportLayoutSchema>;
export type ImportReport = z.infer<typeof ImportReportSchema>;
export type ImportAssist = z.infer<typeof ImportAssistSchema>;

/** Collects report entries while a parser works. */
export class ReportBuilder {
  readonly read: ReadEntry[] = [];
  readonly inferred: InferredEntry[] = [];
  readonly skipped: SourceNote[] = [];
  readonly unread: SourceNote[] = [];
  /** The unread texts in full (`unread` quotes at most 200 characters): what a model may be asked about. */
  readonly unreadFull: string[] = [];
  /** The order of a row's cells as the table's header gives them, when it names all five (model help checks by it). */
  rowColumns: readonly RowColumn[] | null = null;
  readonly layouts = new Set<ImportLayout>();

  /** Records a value read from `from`. */
  took(path: string, from: string, value: string | number | null): void {
    this.read.push({ path, from, value });
  }

  /** Records a value decided by the parser (or a model), with why. */
  infer(path: string, value: string | number | null, why: string, by: 'parser' | 'model' = 'parser'): void {
    this.inferred.push({ path, value, why, by });
  }

  skip(from: string, text: string, why: string): void {
    this.skipped.push({ from, text: clip(text), why });
  }

  miss(from: string, text: string, why: string): void {
    this.unread.push({ from, text: clip(text), why });
    this.unreadFull.push(text);
  }

  /** The finished report. */
  build(source: 'xlsx' | 'text', sheet: string | null): ImportReport {
    return ImportReportSchema.parse({
      source,
      sheet,
      layouts: [...this.layouts],
      read: this.read,
      inferred: this.inferred,
      skipped: this.skipped,
      unread: this.unread,
    });
  }
}

/** One line on a report, for the CLI summary and the page: source, layouts, the four counts, the model's help. */
export function reportSummary(report: ImportReport): string {
  const where = report.source === 'xlsx' ? `工作表“${report.sheet ?? ''}”` : '文本';
  const counts = [
    `读取 ${report.read.length} 项`,
    `推断 ${report.inferred.length} 项`,
    `略过 ${report.skipped.length} 处`,
    `未能读取 ${report.unread.length} 处`,
  ];
  const assist = report.assist
    ? `；模型 ${report.assist.model} 读出 ${report.assist.placed} 行，拒绝 ${report.assist.rejected} 行`
    : '';
  return `${where}，版式：${report.layouts.join('、')}；${counts.join('，')}${assist}`;
}

/** Report notes quote at most 200 characters of the source. */
function clip(text: string): string {
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}

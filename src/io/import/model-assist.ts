/**
 * Model help for text import (issue 10): the texts the built-in parser could not place are sent
 * to a configured model (prompts/io/import-assist.md), which answers with JSON indicator rows.
 * Nothing it says is trusted: the answer must parse, each row must pass the form's zod schema,
 * its numbers must cut the fragment it names in the table's column order, and its 得分 must not
 * exceed its 分值 (the scorer's rule). Rows that pass are added and
 * each of their fields is reported as inferred `by: 'model'`; the rest stay unread, with why.
 * A model that fails or answers nonsense leaves the built-in import as it was.
 */
import { z } from 'zod';
import { ZipingError } from '../../core/errors.js';
import { indicatorCellPath } from '../../core/narratives/paths.js';
import { FormSchema, IndicatorSchema, type Form } from '../../core/schema/form.js';
import { scoreAboveWeight } from '../../core/scoring/final-score.js';
import type { TextModel } from '../../drafting/text-model.js';
import { jsonOf } from '../model-json.js';
import { fillTemplate } from '../templates.js';
import { halfWidthDigits } from './cell-text.js';
import type { RowColumn } from './glued-rows.js';
import type { ImportResult } from './import-form.js';
import { ImportReportSchema, type ImportAssist, type ImportReport } from './report.js';

type Indicator = Form['indicators'][number];

/** Fragments sent (and their characters each): a bigger leftover is not worth a model call. */
const MAX_FRAGMENTS = 40;
const MAX_FRAGMENT_CHARS = 2000;
const MAX_ANSWER_CHARS = 60_000;

const AnswerRow = z.object({
  from: z.number().int().min(0),
  level1: z.string().nullable().optional(),
  level2: z.string().nullable().optional(),
  name: z.string().nullable().optional(),
  target: z.string().nullable().optional(),
  actual: z.string().nullable().optional(),
  weight: z.number().nullable().optional(),
  score: z.number().nullable().optional(),
  deviation: z.string().nullable().optional(),
});
const Answer = z.object({ indicators: z.array(z.unknown()).max(2000) });

/** Digits and decimal points as written, commas between thousands dropped (`20,500.00` → `20500.00`). */
function plainDigits(text: string): string {
  return halfWidthDigits(text).replace(/(\d),(?=\d{3})/g, '$1');
}

/** The texts the parser could not place, and the order of a row's cells in the table's header (if it named them). */
export interface Unread {
  fragments: string[];
  columns: readonly RowColumn[] | null;
}

/** The standard column order (三级指标, 年度指标值, 实际完成值, 分值, 得分), for a table whose header was not read. */
const STANDARD_COLUMNS: readonly RowColumn[] = ['name', 'target', 'actual', 'weight', 'score'];

/** A row's numbers in the order its cells run in the source: levels, the table's columns, then the 偏差 text. */
function rowNumbers(row: Indicator, columns: readonly RowColumn[]): string[] {
  const cells: (keyof Indicator)[] = ['level1', 'level2', ...columns, 'deviation'];
  return cells.flatMap((key) => {
    const value = row[key];
    if (typeof value === 'number') return [String(value)];
    if (typeof value !== 'string') return [];
    return [...plainDigits(value).matchAll(/\d{1,15}(?:\.\d{1,6})?/g)].map((m) => m[0]);
  });
}

/** Where `n` ends when found in `plain` from `from` on (a decimal also as written shorter: 5.00 as 5), or -1. */
function endOf(plain: string, n: string, from: number): number {
  let end = -1;
  for (const form of n.includes('.') ? [n, String(Number(n))] : [n]) {
    const at = plain.indexOf(form, from);
    if (at >= 0 && (end < 0 || at + form.length < end)) end = at + form.length;
  }
  return end;
}

/**
 * Numbers of a row (its numeric cells and every number inside its texts) that do not cut `source` in
 * order: each must be found after the one before it, so `≥12` `11` `5` `20` may come from the glued
 * run `≥1211520`, but a `21` made of digits of two cells may not. Found earliest-ending first, which
 * finds a cut whenever one exists.
 */
export function numbersNotIn(row: Indicator, source: string, columns = STANDARD_COLUMNS): string[] {
  const plain = plainDigits(source);
  const missing: string[] = [];
  let cursor = 0;
  for (const n of rowNumbers(row, columns)) {
    const end = endOf(plain, n, cursor);
    if (end < 0) missing.push(n);
    else cursor = end;
  }
  return missing;
}

function prompt(form: Form, fragments: string[]): string {
  const known = form.indicators.map((r) => `${r.level1}/${r.level2 ?? '—'}/${r.name}`).join('；') || '（无）';
  return fillTemplate('import-assist', {
    columns: '一级指标、二级指标、三级指标、年度指标值、实际完成值、分值、得分、偏差原因分析及改进措施',
    known,
    fragments: fragments.map((f, i) => `[${i}] ${f.slice(0, MAX_FRAGMENT_CHARS)}`).join('\n'),
  });
}

interface Outcome {
  rows: { row: Indicator; from: number }[];
  refusals: string[];
}

/** Checks each row of the answer; returns those that pass and why the others did not. */
function checkRows(rows: unknown[], unread: Unread): Outcome {
  const out: Outcome = { rows: [], refusals: [] };
  rows.forEach((raw, i) => {
    const shape = AnswerRow.safeParse(raw);
    const from = shape.success ? shape.data.from : -1;
    const source = unread.fragments[from];
    if (!shape.success || source === undefined) {
      out.refusals.push(`第${i + 1}行格式不符或片段编号无效`);
      return;
    }
    const { from: _, ...cells } = shape.data;
    const parsed = IndicatorSchema.safeParse({ ...cells, level1: cells.level1 ?? '', name: cells.name ?? '' });
    if (!parsed.success) {
      out.refusals.push(`第${i + 1}行不符合表单格式（${parsed.error.issues[0]?.path.join('.')}）`);
      return;
    }
    const invented = numbersNotIn(parsed.data, source, unread.columns ?? undefined);
    if (invented.length > 0) {
      const which = invented.join('、');
      out.refusals.push(`第${i + 1}行“${parsed.data.name}”的数字${which}不在原文中，或与前面的数字先后不合原文`);
      return;
    }
    const above = scoreAboveWeight(parsed.data.score ?? null, parsed.data.weight ?? null);
    if (above) {
      out.refusals.push(`第${i + 1}行“${parsed.data.name}”的得分（score）：${above}`);
      return;
    }
    out.rows.push({ row: parsed.data, from });
  });
  return out;
}

const FIELDS = ['level1', 'level2', 'name', 'target', 'actual', 'weight', 'score', 'deviation'] as const;

/** The form and report with the accepted rows added, each field marked as placed by the model. */
function place(result: ImportResult, outcome: Outcome, model: string, fragments: readonly string[]): ImportResult {
  const form: Form = { ...result.form, indicators: [...result.form.indicators] };
  const inferred = [...result.report.inferred];
  const placedFrom = new Set<number>();
  for (const { row, from } of outcome.rows) {
    const at = form.indicators.length;
    form.indicators.push(row);
    placedFrom.add(from);
    for (const key of FIELDS) {
      const value = row[key];
      if (value === null || value === undefined || value === '') continue;
      const why = `模型 ${model} 从未能读取的文字“${fragments[from]!.slice(0, 40)}”中读出，数字已核对原文`;
      inferred.push({ path: indicatorCellPath(at, key), value, why, by: 'model' });
    }
  }
  const unread = result.report.unread.filter((_, i) => !placedFrom.has(i));
  return { form: FormSchema.parse(form), report: { ...result.report, inferred, unread } };
}

function withAssist(result: ImportResult, assist: ImportAssist): ImportResult {
  const report: ImportReport = ImportReportSchema.parse({ ...result.report, assist });
  return { form: result.form, report };
}

/** Asks `model` about the unread `fragments` of a text import; see the file comment. */
export async function assistTextImport(
  result: ImportResult,
  unread: Unread,
  model: TextModel,
  signal?: AbortSignal,
): Promise<ImportResult> {
  const sent = unread.fragments.slice(0, MAX_FRAGMENTS);
  const base = { model: model.model, placed: 0, rejected: 0 };
  let answer: string;
  try {
    const content = prompt(result.form, sent);
    answer = await model.complete([{ role: 'user', content }], { signal, maxChars: MAX_ANSWER_CHARS });
  } catch (error) {
    if (signal?.aborted) throw signal.reason;
    const why = error instanceof ZipingError ? error.message : String(error);
    return withAssist(result, { ...base, message: `模型未能协助读取：${why}` });
  }
  let rows: unknown[];
  try {
    rows = Answer.parse(jsonOf(answer)).indicators;
  } catch {
    return withAssist(result, { ...base, message: '模型的回答不是所要求的 JSON，未采用任何内容' });
  }
  const outcome = checkRows(rows, { fragments: sent, columns: unread.columns });
  let placed: ImportResult;
  try {
    placed = place(result, outcome, model.model, sent);
  } catch {
    return withAssist(result, { ...base, message: '模型读出的指标加入后表单无法通过校验，未采用任何内容' });
  }
  const message = outcome.refusals.length > 0 ? `已拒绝：${outcome.refusals.join('；')}` : null;
  return withAssist(placed, { ...base, placed: outcome.rows.length, rejected: outcome.refusals.length, message });
}

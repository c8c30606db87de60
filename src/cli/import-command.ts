/**
 * `ziping import FILE [--json]`: reads an .xlsx workbook or a text file into a form and its
 * import report. Prints `{ "form": …, "report": … }` with --json, else a readable summary.
 */
import { createReadStream } from 'node:fs';
import { ZipingError } from '../core/index.js';
import { IMPORT_LIMITS, importFile, reportSummary, type ImportResult } from '../io/import/index.js';
import { rowNumber } from '../core/schema/row-number.js';
import { textModelFromEnv } from '../drafting/text-model.js';
import { parseArgs } from './args.js';
import { readCappedBytes } from './read-input.js';
import { placeOf } from '../core/schema/field-labels.js';

export const IMPORT_USAGE = 'ziping import FILE [--json]   导入 .xlsx 或文本（--json 输出 { form, report }）';

/** Runs the import command; returns the exit code. */
export async function importCommand(argv: string[], out: (text: string) => void): Promise<number> {
  const args = parseArgs(argv, [], ['json']);
  const file = args.positional[0];
  if (!file) {
    out(`用法：${IMPORT_USAGE}`);
    return 64;
  }
  let bytes: Uint8Array;
  try {
    // One byte past the import limit is enough for the importer to refuse the file with its own error
    const stream = createReadStream(file, { end: IMPORT_LIMITS.maxFileBytes });
    bytes = new Uint8Array(await readCappedBytes(stream, `文件 ${file} `));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ZipingError(
      'invalid_request',
      code === 'ENOENT' ? `找不到文件：${file}` : `无法读取文件 ${file}（${code ?? '未知错误'}）`,
    );
  }
  const result = await importFile(bytes, { model: textModelFromEnv(process.env) });
  out(args.flags.has('json') ? JSON.stringify(result, null, 2) : summary(result));
  return 0;
}

function rowLine(row: ImportResult['form']['indicators'][number], i: number): string {
  const values = `${row.target ?? '—'} → ${row.actual ?? '—'}  分值 ${row.weight ?? '—'} 得分 ${row.score ?? '—'}`;
  return `  ${rowNumber(i)}. ${row.level1}/${row.level2 ?? '—'} ${row.name}  ${values}`;
}

function summary({ form, report }: ImportResult): string {
  const lines = [
    `${form.project.name}（${form.year}年度）`,
    `${reportSummary(report)}；指标 ${form.indicators.length} 行`,
    ...form.indicators.map(rowLine),
  ];
  if (report.inferred.length > 0) {
    lines.push('推断：', ...report.inferred.map((e) => `  ${placeOf(e.path)} = ${String(e.value)}：${e.why}`));
  }
  if (report.assist?.message) lines.push(`模型：${report.assist.message}`);
  if (report.unread.length > 0)
    lines.push('未能读取：', ...report.unread.map((e) => `  ${e.from} ${e.text}：${e.why}`));
  return lines.join('\n');
}

/**
 * `ziping export FILE --xlsx OUT --docx OUT [--parts both|table|report] [--profile ID]`: writes the
 * scored form as .xlsx (自评表, official layout) and/or .docx (自评表 and 自评报告).
 */
import { writeFile } from 'node:fs/promises';
import { scoreForm, ZipingError } from '../core/index.js';
import { textModelFromEnv } from '../drafting/text-model.js';
import {
  DOCX_PARTS,
  exportForm,
  writeReportProse,
  type DocxParts,
  type ExportFormat,
  type ProseOutcome,
} from '../io/export/index.js';
import { parseArgs } from './args.js';
import { readFormFile } from './read-form-file.js';

export const EXPORT_USAGE = 'ziping export FILE [--xlsx OUT] [--docx OUT] [--parts both|table|report] [--profile ID]';

function partsOf(value: string | true | undefined): DocxParts {
  if (value === undefined) return 'both';
  if (typeof value === 'string' && (DOCX_PARTS as readonly string[]).includes(value)) return value as DocxParts;
  throw new ZipingError(
    'invalid_request',
    '参数 --parts 应为 both（自评表和自评报告）、table（仅自评表）或 report（仅自评报告）',
  );
}

/** What the report's prose says of itself: a model's sections that fell back, checks that found something. */
function proseLines(outcome: ProseOutcome): string[] {
  return outcome.sections.flatMap((s) => [
    ...(s.fallback ? [`自评报告“${s.heading}”改用内置文字：${s.fallback}`] : []),
    ...s.issues.map((i) => `自评报告“${s.heading}”核查：${i.message}`),
  ]);
}

/** Runs the export command; returns the exit code. */
export async function exportCommand(argv: string[], out: (text: string) => void): Promise<number> {
  const args = parseArgs(argv, ['xlsx', 'docx', 'parts', 'profile']);
  const file = args.positional[0];
  const targets = (['xlsx', 'docx'] as const).flatMap((f): [ExportFormat, string][] => {
    const path = args.flags.get(f);
    return typeof path === 'string' ? [[f, path]] : [];
  });
  if (!file || targets.length === 0) {
    out(`用法：${EXPORT_USAGE}`);
    return 64;
  }
  const parts = partsOf(args.flags.get('parts'));
  const form = await readFormFile(file);
  const profile = args.flags.get('profile');
  const report = scoreForm(form, { profile: typeof profile === 'string' ? profile : undefined });
  const outcome =
    targets.some(([f]) => f === 'docx') && parts !== 'table'
      ? await writeReportProse(form, report, textModelFromEnv(process.env))
      : null;
  for (const [format, path] of targets) {
    const bytes = await exportForm(form, report, format, parts, outcome?.prose);
    try {
      await writeFile(path, bytes);
    } catch (error) {
      throw new ZipingError(
        'invalid_request',
        `无法写入 ${path}（${(error as NodeJS.ErrnoException).code ?? '未知错误'}）`,
      );
    }
    out(`已导出 ${path}（${bytes.byteLength} 字节）`);
  }
  for (const line of outcome ? proseLines(outcome) : []) out(line);
  return 0;
}

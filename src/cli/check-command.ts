/**
 * `ziping check FILE [--json] [--profile ID] [--strict]`: the narrative checks a 财政 reviewer runs
 * on a submitted form — every 实际完成情况 and 偏差原因分析及改进措施 cell as written (issue #13).
 */
import { checkFormNarratives, findingsOf, type NarrativeFinding } from '../core/checks/narrative/index.js';
import { scoreForm } from '../core/index.js';
import { parseArgs } from './args.js';
import { readFormFile } from './read-form-file.js';
import { placeOf } from '../core/schema/field-labels.js';

export const CHECK_USAGE =
  'ziping check FILE [--json] [--profile ID] [--strict]   核查叙述单元格（--strict：有与表不符或待补充时退出码为 2）';

const MARK = { error: '✗', warning: '!' } as const;

/** One line per finding: where, what, the text it covers. */
export function formatFindings(findings: readonly NarrativeFinding[], cells: number): string {
  if (findings.length === 0) return `已核查 ${cells} 个叙述单元格，未发现问题。`;
  const lines = findings.map((f) => {
    const where = f.span ? `${placeOf(f.path)} [${f.span[0]}–${f.span[1]}]` : placeOf(f.path);
    return `${MARK[f.severity]} ${where} ${f.code}：${f.message}`;
  });
  const errors = findings.filter((f) => f.severity === 'error').length;
  return [
    ...lines,
    '',
    `已核查 ${cells} 个叙述单元格：${errors} 处与表不符或待补充，${findings.length - errors} 处提示。`,
  ].join('\n');
}

/** Runs the check command; returns the exit code. */
export async function checkCommand(argv: string[], out: (text: string) => void): Promise<number> {
  const args = parseArgs(argv, ['profile'], ['json', 'strict']);
  const file = args.positional[0];
  if (!file) {
    out(`用法：${CHECK_USAGE}`);
    return 64;
  }
  const form = await readFormFile(file);
  const profile = args.flags.get('profile');
  const report = scoreForm(form, { profile: typeof profile === 'string' ? profile : undefined });
  const cells = checkFormNarratives(form, report);
  const findings = findingsOf(cells);
  out(
    args.flags.has('json')
      ? JSON.stringify({ profile: report.profile, cells: cells.length, findings }, null, 2)
      : formatFindings(findings, cells.length),
  );
  return args.flags.has('strict') && findings.some((f) => f.severity === 'error') ? 2 : 0;
}

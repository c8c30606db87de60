/**
 * `ziping score FILE [--json] [--profile ID] [--strict]`: the score report of a form file.
 */
import { scoreForm } from '../core/index.js';
import { parseArgs } from './args.js';
import { formatReport } from './format-report.js';
import { readFormFile } from './read-form-file.js';

export const SCORE_USAGE =
  'ziping score FILE [--json] [--profile ID] [--strict]   按规则评分（--strict：有错误时退出码为 2）';

/** Runs the score command; returns the exit code. */
export async function scoreCommand(argv: string[], out: (text: string) => void): Promise<number> {
  const args = parseArgs(argv, ['profile'], ['json', 'strict']);
  const file = args.positional[0];
  if (!file) {
    out(`用法：${SCORE_USAGE}`);
    return 64;
  }
  const form = await readFormFile(file);
  const profile = args.flags.get('profile');
  const report = scoreForm(form, { profile: typeof profile === 'string' ? profile : undefined });
  out(args.flags.has('json') ? JSON.stringify(report, null, 2) : formatReport(form, report));
  return args.flags.has('strict') && report.issues.some((i) => i.severity === 'error') ? 2 : 0;
}

/**
 * `ziping draft FILE [--field PATH | --all] [--json] [--profile ID] [--max-chars N]`: drafts the
 * narrative cells of a form file with the configured drafter (a model when ZIPING_MODEL is set,
 * else the built-in one). The text streams to the terminal as it is written.
 */
import { overAchievementRatio, scoreForm, ZipingError, type NarrativePath } from '../core/index.js';
import { isNarrativePath, hasNarrativeCell } from '../core/narratives/index.js';
import { cellsNeedingText, createDrafterFromEnv, draftMany, type DraftResult } from '../drafting/index.js';
import { loadPromptsFromDir } from '../drafting/load-prompts-node.js';
import { parseArgs } from './args.js';
import { readFormFile } from './read-form-file.js';
import { placeOf } from '../core/schema/field-labels.js';

export const DRAFT_USAGE =
  'ziping draft FILE [--field PATH | --all] [--json] [--profile ID] [--max-chars N]   起草实际完成情况和偏差原因分析';

/** A drafted cell as a person reads it. */
function describe(result: DraftResult): string {
  const lines = [
    `【${placeOf(result.path)}】（${result.drafter === 'model' ? `模型 ${result.model}` : '内置起草器'}，${result.promptId}@${result.promptVersion}，${result.checks.length}/${result.checks.maxChars}字）`,
    result.text,
  ];
  if (result.checks.placeholders.length) lines.push(`  待补充：${result.checks.placeholders.join('；')}`);
  for (const issue of result.checks.issues) lines.push(`  ✗ ${issue.message}`);
  if (result.notice) lines.push(`  提示：${result.notice}`);
  return lines.join('\n');
}

/** Runs the draft command; returns the exit code (1 when a draft failed or its checks did not pass). */
export async function draftCommand(argv: string[], out: (text: string) => void): Promise<number> {
  const args = parseArgs(argv, ['field', 'profile', 'max-chars'], ['all', 'json']);
  const file = args.positional[0];
  if (!file) {
    out(`用法：${DRAFT_USAGE}`);
    return 64;
  }
  const form = await readFormFile(file);
  const profileFlag = args.flags.get('profile');
  const report = scoreForm(form, typeof profileFlag === 'string' ? { profile: profileFlag } : {});
  const field = args.flags.get('field');
  let paths: NarrativePath[];
  if (typeof field === 'string') {
    if (!isNarrativePath(field) || !hasNarrativeCell(form, field)) {
      throw new ZipingError(
        'invalid_request',
        `--field 应为 goals.actual 或 indicators.N.deviation（N 从 0 起，本表共 ${form.indicators.length} 行），而不是“${field}”`,
      );
    }
    paths = [field];
  } else {
    paths = cellsNeedingText(form, report);
  }
  const maxRaw = args.flags.get('max-chars');
  const maxChars = typeof maxRaw === 'string' ? Number(maxRaw) : undefined;
  if (maxChars !== undefined && (!Number.isInteger(maxChars) || maxChars < 20))
    throw new ZipingError('invalid_request', '--max-chars 应为不小于 20 的整数');

  const drafter = createDrafterFromEnv(process.env, {
    prompts: loadPromptsFromDir(process.env.ZIPING_PROMPTS || undefined),
  });
  const ratio = overAchievementRatio(report.profile);
  const requests = paths.map((path) => ({ form, report, path, maxChars, overAchievementRatio: ratio }));
  const items = await draftMany(drafter, requests, { concurrency: 4 });

  if (args.flags.has('json')) {
    out(
      JSON.stringify(
        items.map((i) =>
          i.ok
            ? { path: i.path, ok: true, result: i.result }
            : { path: i.path, ok: false, error: { code: i.error.code, message: i.error.message } },
        ),
        null,
        2,
      ),
    );
  } else {
    out(
      items.map((i) => (i.ok ? describe(i.result) : `【${placeOf(i.path)}】起草失败：${i.error.message}`)).join('\n\n'),
    );
  }
  return items.every((i) => i.ok && i.result.checks.ok) ? 0 : 1;
}

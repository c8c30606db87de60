/**
 * Narrative checks (issue #13): checking every narrative cell of a 50-row form as written, as a
 * ratio to scoring that form (which itself runs them once for its report issues).
 */
import { readFileSync } from 'node:fs';
import { checkFormNarratives } from '../src/core/checks/narrative/index.js';
import { parseForm, scoreForm, type FormInput } from '../src/core/index.js';
import { report, timePerCall } from './measure.js';

const DEVIATIONS = [
  '该指标为反向指标，年度指标值为≤10人，实际为20人，超出上限10人，偏差率100%。偏差原因：新增青年学者入选。改进措施：今后将科学合理设定绩效指标值。',
  '年度指标值为≥200台，实际完成296台，完成率148%，超出指标值48%。偏差原因：〔待补充：超额原因〕。改进措施：今后将科学合理设定绩效指标值。',
  '设定2022年数量指标时，年度指标具备不确定性，因此预设值相对保守。该任务团队结构合理，实际产出高于预期。后续将加强科研任务指标值的设定工作。',
];

/** A 50-row form from the seed's rows, every row with a 偏差原因 text. */
export function fiftyRowForm(): FormInput {
  const seed = JSON.parse(
    readFileSync(new URL('../../shared/seed/baai-2022.json', import.meta.url), 'utf8'),
  ) as FormInput;
  const indicators = Array.from({ length: 50 }, (_, i) => {
    const row = seed.indicators[i % seed.indicators.length]!;
    return { ...row, name: `${row.name}${i}`, weight: 1.8, score: 1.8, deviation: DEVIATIONS[i % DEVIATIONS.length] };
  });
  return { ...seed, indicators, selfTotal: null };
}

/** Runs the narrative benchmark and prints its ratio. */
export async function runNarrativeBench(): Promise<void> {
  const form = parseForm(fiftyRowForm());
  const scored = scoreForm(form);
  const scoring = timePerCall(() => scoreForm(form));
  const checking = timePerCall(() => checkFormNarratives(form, scored));
  report(
    'check the 51 narrative cells of a 50-row form / score it',
    checking / scoring,
    `${(checking / 1e6).toFixed(3)} ms vs ${(scoring / 1e6).toFixed(3)} ms`,
  );
}

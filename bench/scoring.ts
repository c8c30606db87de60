/**
 * Scoring throughput for a 100-row form, as a ratio to a JSON parse + stringify of the same form.
 * Also with narrative texts never read before, since core keeps the readings of texts it has seen.
 */
import { readFileSync } from 'node:fs';
import { parseForm, scoreForm, type FormInput } from '../src/core/index.js';
import { report, timePerCall } from './measure.js';

/** A 100-row form made from the seed's rows and the notations real forms use. */
export function hundredRowForm(): FormInput {
  const seed = JSON.parse(
    readFileSync(new URL('../../shared/seed/baai-2022.json', import.meta.url), 'utf8'),
  ) as FormInput;
  const extra = [
    {
      level1: '产出指标',
      level2: '数量指标',
      name: '发放资料',
      target: '不少于12种',
      actual: '14种',
      weight: 1,
      score: 1,
    },
    {
      level1: '产出指标',
      level2: '成本指标',
      name: '单位成本',
      target: '≤90万元',
      actual: '95万元',
      weight: 1,
      score: 1,
    },
    {
      level1: '产出指标',
      level2: '时效指标',
      name: '完工时限',
      target: '2022年6月底前',
      actual: '2022年9月',
      weight: 1,
      score: 1,
    },
    {
      level1: '效益指标',
      level2: '社会效益指标',
      name: '群众满意',
      target: '显著',
      actual: '较显著',
      weight: 1,
      score: 1,
    },
    { level1: '产出指标', level2: '质量指标', name: '合格率', target: '=100%', actual: '0.958', weight: 1, score: 1 },
  ];
  const pool = [...seed.indicators, ...extra];
  const indicators = Array.from({ length: 100 }, (_, i) => ({
    ...pool[i % pool.length]!,
    name: `${pool[i % pool.length]!.name}${i}`,
    weight: 0.9,
    score: 0.9,
  }));
  return { ...seed, indicators, selfTotal: null };
}

/**
 * `count` copies of `input` whose narrative texts (实际完成情况 and every 偏差原因分析) differ from
 * copy to copy by a marker with no figure in it, so no copy's texts were read before: core keeps
 * the readings of texts it has seen (a form is mostly re-scored with its texts unchanged), and
 * cycling through more texts than it keeps measures the first reading.
 */
function freshTextCopies(input: FormInput, count: number): FormInput[] {
  const marker = (i: number) => `（${String.fromCharCode(65 + (i % 26), 65 + Math.floor(i / 26))}稿）`;
  return Array.from({ length: count }, (_, i) => ({
    ...input,
    goals: input.goals ? { ...input.goals, actual: `${input.goals.actual ?? ''}${marker(i)}` } : input.goals,
    indicators: input.indicators.map((row) => ({ ...row, deviation: `${row.deviation ?? ''}${marker(i)}` })),
  }));
}

/** Runs the scoring benchmark and prints its ratio. */
export async function runScoringBench(): Promise<void> {
  const input = hundredRowForm();
  const text = JSON.stringify(input);
  const form = parseForm(JSON.parse(text));
  const baseline = timePerCall(() => JSON.stringify(JSON.parse(text)));
  const scoring = timePerCall(() => scoreForm(form));
  const withParse = timePerCall(() => scoreForm(parseForm(JSON.parse(text))));
  report(
    'score a 100-row form / JSON parse+stringify of it',
    scoring / baseline,
    `${(scoring / 1e6).toFixed(3)} ms vs ${(baseline / 1e6).toFixed(3)} ms; ${Math.round(1e9 / scoring)} forms/s`,
  );
  report('parse + validate + score / JSON parse+stringify', withParse / baseline, `${(withParse / 1e6).toFixed(3)} ms`);
  const copies = freshTextCopies(input, 64).map((copy) => parseForm(copy));
  let next = 0;
  const fresh = timePerCall(() => scoreForm(copies[next++ % copies.length]!), 64);
  report(
    'score, narrative texts never read before / JSON parse+stringify',
    fresh / baseline,
    `${(fresh / 1e6).toFixed(3)} ms`,
  );
}

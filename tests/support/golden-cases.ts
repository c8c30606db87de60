/**
 * The forms the golden scoring test scores under every profile: the real published forms, the seed,
 * the bench's 100-row form, and a grid of the notations real forms use (targets × actuals × 分值 ×
 * self scores × funding), so any change of a score, flag, explanation or issue shows.
 */
import { createHash } from 'node:crypto';
import { buildFacts, listProfiles, parseForm, scoreForm, type Form, type FormInput } from '../../src/core/index.js';
import { hundredRowForm } from '../../bench/scoring.js';
import { fixtureForm, fixtureIds } from './fixture-form.js';
import { seedForm } from './seed-forms.js';

const TARGETS = [
  '≥100%',
  '≥95%',
  '100%',
  '=100%',
  '≤90万元',
  '<60天',
  '≥6个',
  '不少于12种',
  '90%-95%',
  '0',
  '≥0',
  '≤0',
  '=0',
  '2022年6月底前',
  '≤12月',
  '显著',
  '高',
  '好',
  '达成',
  '—',
  '',
  '每亩300元',
  '≥2.05亿元',
  '>=1000人次',
  '≤5天',
  '≥1.2万人',
  '≤33.33万元',
  '≥98.5%',
  '=3项',
  '100-200万元',
];
const ACTUALS = [
  '100%',
  '98%',
  '0.958',
  '130%',
  '95万元',
  '85万元',
  '40万元',
  '200万元',
  '0',
  '-5',
  '14种',
  '6个',
  '3个',
  '≥266',
  '2022年9月',
  '2022年6月30日',
  '完成',
  '较显著',
  '一般',
  '基本完成',
  '未完成',
  '',
  '—',
  '20500万元',
  '1.2亿元',
  '300元',
  '92%',
  '7项',
  '45天',
  '1000人次',
  '应用创新1项，服务100名患者',
  '12000人',
  '33.3333万元',
  '99.99%',
  '150万元',
  '2.675',
  '1,234.5万元',
];
const WEIGHTS = [10, 2.675, 7.5, 0.9, 3, 6, 1.33, 5, 20];
const SELF = [null, 'w', 'w-1', 0, 'share', 'w+1', 'w-0.004', 'w*0.75'] as const;
const LEVEL2 = ['数量指标', '质量指标', '时效指标', '成本指标', '社会效益指标'];
const FUNDING: [number | null, number | null, number | null, number | null][] = [
  // annual, executed, weight, self score
  [100, 100, 10, null],
  [100, 97.8, 10, 9],
  [3, 2.675, 10, 8.92],
  [0, 50, 10, null],
  [null, 20, 10, 10],
  [120.5, 130, 9, 9],
  [100, 0, 10, 0],
  [89.974, 86, 20, 17.2],
  [1e4, 6543.21, 10, 6.54],
];

function selfScore(kind: (typeof SELF)[number], weight: number, i: number): number | null {
  if (kind === null || kind === 0) return kind;
  if (kind === 'w') return weight;
  if (kind === 'w-1') return Math.max(0, Number((weight - 1).toFixed(3)));
  if (kind === 'w+1') return Number((weight + 1).toFixed(3));
  if (kind === 'w-0.004') return Number((weight - 0.004).toFixed(3));
  if (kind === 'w*0.75') return Number((weight * 0.75).toFixed(2));
  return Number(((weight * (i % 10)) / 10).toFixed(2));
}

/** The grid: every target against every actual, spread over forms of 37 rows. */
function gridForms(): [string, Form][] {
  const forms: [string, Form][] = [];
  TARGETS.forEach((target, t) => {
    const indicators = ACTUALS.map((actual, a) => {
      const i = t * ACTUALS.length + a;
      const weight = WEIGHTS[i % WEIGHTS.length]!;
      return {
        level1: i % 7 === 0 ? '效益指标' : '产出指标',
        level2: LEVEL2[i % LEVEL2.length]!,
        name: `指标${i}`,
        target,
        actual,
        weight,
        score: selfScore(SELF[i % SELF.length]!, weight, i),
        deviation: i % 3 === 0 ? '' : i % 3 === 1 ? '无' : '指标值设定偏低，已在下年度调整',
      };
    });
    const [annual, executed, weight, score] = FUNDING[t % FUNDING.length]!;
    const input: FormInput = {
      year: 2022,
      project: { name: `网格${t}` },
      funding: { unit: '万元', weight: weight ?? undefined, total: { initial: annual, annual, executed, score } },
      indicators,
    } as FormInput;
    forms.push([`grid-${t}`, parseForm(input)]);
  });
  return forms;
}

/** Every golden case: [name, form, profile id]. */
export function goldenCases(): [string, Form, string][] {
  const forms: [string, Form][] = [
    ...fixtureIds().map((id): [string, Form] => [`fixture-${id}`, fixtureForm(id)]),
    ['seed', seedForm()],
    ['hundred-rows', parseForm(hundredRowForm())],
    ...gridForms(),
  ];
  const cases: [string, Form, string][] = [];
  for (const profile of listProfiles()) for (const [name, form] of forms) cases.push([name, form, profile.id]);
  return cases;
}

/** The report and facts as JSON text, keys in a fixed order, for a digest. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)))
      : v,
  );
}

/** What the golden file holds of one case: numbers per row, a digest of everything, the whole for some. */
export interface GoldenEntry {
  total: number;
  funding: [number | null, number | null, number];
  /** Per row: rule score, final score, completion, flags. */
  rows: [number | null, number, number | null, string][];
  /** Per issue: severity, path, code. */
  issues: string[];
  /** sha256 of the report and facts, every explanation and message included. */
  digest: string;
  /** The report and facts in full (real forms under mof-2020), so a difference shows where. */
  full?: unknown;
}

/** Each case's golden entry, keyed `name@profile`. */
export function goldenResults(): Record<string, GoldenEntry> {
  const out: Record<string, GoldenEntry> = {};
  for (const [name, form, profile] of goldenCases()) {
    const report = scoreForm(form, { profile });
    const whole = JSON.parse(JSON.stringify({ report, facts: buildFacts(form, report) })) as unknown;
    const entry: GoldenEntry = {
      total: report.total,
      funding: [report.funding.rate, report.funding.ruleScore, report.funding.score],
      rows: report.indicators.map((r) => [r.ruleScore, r.score, r.completion ?? null, r.flags.join(',')]),
      issues: report.issues.map((i) => `${i.severity} ${i.path} ${i.code}`),
      digest: createHash('sha256').update(canonical(whole)).digest('hex'),
    };
    if (profile === 'mof-2020' && (name.startsWith('fixture') || name === 'seed')) entry.full = whole;
    out[`${name}@${profile}`] = entry;
  }
  return out;
}

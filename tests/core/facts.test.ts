import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  buildFacts,
  overAchievementRatio,
  parseForm,
  scoreForm,
  unitInName,
  type FormInput,
} from '../../src/core/index.js';
import { narrativeUnitAt, unitNamed } from '../../src/core/parse/units.js';
import { fixtureForm } from '../support/fixture-form.js';

const seedInput = JSON.parse(
  readFileSync(new URL('../../../shared/seed/baai-2022.json', import.meta.url), 'utf8'),
) as FormInput;
const factsOf = (input: FormInput) => {
  const form = parseForm(input);
  return buildFacts(form, scoreForm(form));
};
const seed = factsOf(seedInput);

describe('buildFacts on the seed', () => {
  it.each([
    // row, direction, unit, target, actual, completion, deviation, outcome, score, weight
    [0, 'ge', '个', 6, 6, 1, 0, 'met', 5, 5],
    [1, 'ge', '个', 2, 11, 5.5, 9, 'over-achieved', 4, 5],
    [4, 'ge', '台', 200, 296, 1.48, 96, 'over-achieved', 2, 2],
    [5, 'le', '人', 10, 20, 2, 10, 'reverse-exceeded', 1.5, 3],
    [10, 'le', '万元', 20500, 20500, 1, 0, 'met', 10, 10],
    [14, 'ge', '%', 90, 100, 1.111111, 10, 'met', 10, 10],
  ] as const)(
    'row %i: %s %s, %d → %d',
    (i, direction, unit, target, actual, completion, deviation, outcome, score, weight) => {
      const r = seed.rows[i]!;
      expect([r.direction, r.unit?.label, r.target.amount?.value, r.actual.amount?.value]).toEqual([
        direction,
        unit,
        target,
        actual,
      ]);
      expect([r.completion, r.deviation?.value, r.deviation?.unit?.label, r.outcome]).toEqual([
        completion,
        deviation,
        unit,
        outcome,
      ]);
      expect([r.score, r.weight]).toEqual([score, weight]);
    },
  );

  it('gives the deviation rate, over-achievement and deduction of a row', () => {
    const [over, cap] = [seed.rows[4]!, seed.rows[5]!];
    expect([over.deviationRate, over.overAchievement, over.deduction, over.needsText]).toEqual([
      0.48,
      0.48,
      null,
      true,
    ]);
    // a breached ≤ cap is never an over-achievement, whatever actual/target gives
    expect([cap.deviationRate, cap.overAchievement, cap.deduction, cap.selfScore, cap.ruleScore]).toEqual([
      1,
      null,
      1.5,
      3,
      1.5,
    ]);
  });

  it('reads deadlines and qualitative rows with their grade', () => {
    const late = seed.rows[7]!;
    expect([late.direction, late.target.date?.month, late.actual.date?.year, late.outcome, late.grade]).toEqual([
      'deadline',
      12,
      2022,
      'met',
      '达成',
    ]);
    const q = seed.rows[12]!;
    expect([q.direction, q.outcome, q.grade, q.deduction, q.needsText]).toEqual([
      'qualitative',
      'qualitative-partial',
      '未达成',
      5,
      true,
    ]);
    expect(q.sources.existing).toMatch(/^22年智源研究院发布FlagAI/);
  });

  it('states total, grade, funding and the texts that may speak for causes', () => {
    expect([seed.total, seed.grade, seed.selfTotal, seed.overRatio, seed.year]).toEqual([87.5, '良', 89, 1.2, 2022]);
    const f = seed.funding;
    expect([f.unit.label, f.budget, f.executed, f.rate, f.score, f.weight]).toEqual(['万元', 20500, 20500, 1, 10, 10]);
    expect(f.lines.map((l) => l.label)).toEqual(['年度资金总额', '当年财政拨款']);
    expect(seed.goals.existing).toMatch(/^1\.大模型研发及生态建设方面/);
    expect(seed.rows[1]!.sources.existing).toMatch(/预设值相对保守/);
  });
});

describe('buildFacts on real forms', () => {
  it.each([
    // fixture, row, unit, completion, deviation, outcome
    ['12', 0, '人', 0.972317, 1066, 'missed'],
    ['12', 4, '次', 25, 144, 'over-achieved'],
    ['12', 7, '%', 0.973, 2.7, 'missed'],
    ['05', 0, '平方米', 1.0223, 4.46, 'met'],
    ['09', 0, null, 0.862037, 5.96, 'missed'],
    ['01', 5, '%', 0.98, 2, 'missed'],
    ['14', 3, '万', 1, 0, 'met'],
  ] as const)('%s row %i: %s, completion %d, deviation %d, %s', (id, row, unit, completion, deviation, outcome) => {
    const form = fixtureForm(id);
    const r = buildFacts(form, scoreForm(form)).rows[row]!;
    expect([r.unit?.label ?? null, r.completion, r.deviation?.value, r.outcome]).toEqual([
      unit,
      completion,
      deviation,
      outcome,
    ]);
  });

  it('reads execution below 100% (fixture 09)', () => {
    const form = fixtureForm('09');
    const f = buildFacts(form, scoreForm(form)).funding;
    expect([f.budget, f.executed, f.rate, f.score]).toEqual([43.2, 37.24, 0.862037, 8.62]);
  });
});

describe('the row unit printed in a name', () => {
  it.each([
    ['带动贫困户(人)', '人'],
    ['完成率（%）', '%'],
    ['项目(工程)验收合格率', null],
    ['培训人次（万人次）', '万人次'],
    ['学生满意度', null],
  ])('%s → %s', (name, unit) => {
    expect(unitInName(name)?.label ?? null).toBe(unit);
  });

  it('is the unit of a bare target and of the deviation', () => {
    const input: FormInput = {
      year: 2023,
      project: { name: '扶贫产业项目' },
      funding: { total: { annual: 100, executed: 100 } },
      indicators: [{ level1: '产出指标', name: '带动贫困户(人)', target: '≥50', actual: '45', weight: 10, score: 9 }],
    };
    const r = factsOf(input).rows[0]!;
    expect([
      r.unit?.label,
      r.target.amount?.unit?.label,
      r.deviation?.value,
      r.deviation?.unit?.label,
      r.outcome,
    ]).toEqual(['人', '人', 5, '人', 'missed']);
  });
});

describe('one unit table', () => {
  it.each([
    ['20万元', '万元', 'money', 1e4],
    ['3.5亿元', '亿元', 'money', 1e8],
    ['2百万元', '百万元', 'money', 1e6],
    ['1.2万平方米', '万平方米', 'area', 1e4],
    ['1.5万人次', '万人次', 'person-time', 1e4],
    ['3成', '成', 'percent', 10],
    ['2倍', '倍', 'multiple', 1],
    ['10月', '月', 'month-of-year', 1],
    ['1.5分', '分', 'score', 1],
  ])('%s reads as %s', (text, label, family, factor) => {
    const at = text.search(/[^\d.]/);
    const u = narrativeUnitAt(text, at)!.unit;
    expect([u.label, u.family, u.factor]).toEqual([label, family, factor]);
  });

  it('names units exactly', () => {
    expect(unitNamed('人')?.family).toBe('person');
    expect(unitNamed('人次')?.family).toBe('person-time');
    expect(unitNamed('茶')).toBeNull();
  });
});

describe('overAchievementRatio', () => {
  it.each([
    ['mof-2020', 1.2],
    ['guangxi', 1.3],
    ['yitihua-manual', 1.3],
    ['no-such-profile', 1.2],
    [undefined, 1.2],
  ])('%s → %d', (id, ratio) => {
    expect(overAchievementRatio(id)).toBe(ratio);
  });
});

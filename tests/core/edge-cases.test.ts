import { describe, expect, it } from 'vitest';
import { scoreForm } from '../../src/core/index.js';
import { codes, formWith, scoreOne } from '../support/one-row.js';

// scoring-rules.md §9: the edge cases the scorer must handle, one row at a time, mof-2020

describe('§9.1 target 0', () => {
  it.each([
    ['=0', '0', 10, []],
    ['=0', '1', 0, ['target-exceeded']],
    ['≤0起', '0起', 10, []],
    ['≤0起', '2起', 0, ['target-exceeded']],
    ['≥0', '5', 10, ['ill-set-target']],
  ])('target %s, actual %s → %d', (target, actual, score, flags) => {
    const r = scoreOne({ target, actual });
    expect(r.score).toBe(score);
    for (const f of flags) expect(r.flags).toContain(f);
  });
});

describe('§9.2 actual missing', () => {
  it.each([[''], [null], ['—']])('actual %s scores 0 and is reported on the cell', (actual) => {
    const r = scoreOne({ target: '≥6个', actual });
    expect(r.score).toBe(0);
    expect(r.issues).toContainEqual(
      expect.objectContaining({ severity: 'error', path: 'indicators.0.actual', code: 'actual-missing' }),
    );
  });
});

describe('§9.3 placeholder rows of the template', () => {
  it('ignores "指标2 / ……" rows without weight', () => {
    const report = scoreForm(
      formWith([
        { target: '≥1个', actual: '1个', weight: 90 },
        { name: '指标2', target: null, actual: null, weight: null },
      ]),
    );
    expect(report.indicators[1]).toMatchObject({ kind: 'unscorable', score: 0, flags: ['template-row'] });
    expect(report.issues.filter((i) => i.path.startsWith('indicators.1'))).toEqual([]);
  });
});

describe('§9.4 negative actual counts as 0', () => {
  it('"-5个" against ≥10个 scores 0', () => {
    const r = scoreOne({ target: '≥10个', actual: '-5个' });
    expect(r.score).toBe(0);
    expect(r.flags).toContain('negative-actual');
  });
});

describe('§9.4 negative actual against a range from 0', () => {
  it.each([['-1'], ['-1%'], ['－1%']])('"0-5%" with actual %s scores 0, with no completion ratio', (actual) => {
    const r = scoreOne({ target: '0-5%', actual });
    expect([r.score, r.completion]).toEqual([0, null]);
    expect(r.flags).toContain('target-missed');
  });
});

describe('§9.5 percent forms', () => {
  it.each([
    ['≥100%', '100%', 10],
    ['≥100%', '100', 10],
    ['≥100%', '100.00%', 10],
    ['≥100%', '98%', 9.8],
    ['≥100百分比', '100', 10],
    ['≥100%', '0.958', 9.58],
  ])('%s vs %s → %d', (target, actual, score) => {
    expect(scoreOne({ target, actual }).score).toBe(score);
  });
});

describe('§9.6 units', () => {
  it.each([
    ['≤20500万元', '2.05亿元', 10],
    ['≥2.6亿元', '2.45亿元', 9.42],
    ['≥1.2万亩', '11000亩', 9.17],
    ['≥1万元', '8000元', 8],
  ])('%s vs %s converts before comparing → %d', (target, actual, score) => {
    expect(scoreOne({ target, actual }).score).toBe(score);
  });

  it('refuses 人 against 人次 with an error on the cell', () => {
    const r = scoreOne({ target: '≥100人', actual: '120人次' });
    expect(r.flags).toContain('unit-conflict');
    expect(r.issues).toContainEqual(
      expect.objectContaining({ severity: 'error', path: 'indicators.0.actual', code: 'unit-conflict' }),
    );
  });
});

describe('§9.7–9.8 signs in any form', () => {
  it.each([
    ['≧100%', '98%', 'positive', 9.8],
    ['不少于12种', '14种', 'positive', 10],
    ['不超过30万元', '40万元', 'reverse', 7.5],
    ['﹦72890 元', '72890', 'equal', 10],
    ['═8个', '6个', 'equal', 7.5],
  ])('%s vs %s is %s → %d', (target, actual, kind, score) => {
    expect(scoreOne({ target, actual })).toMatchObject({ kind, score });
  });
});

describe('§9.9 ranges', () => {
  it.each([
    ['90%-95%', '92%', 10],
    ['90%-95%', '81%', 9],
    ['90%-95%', '100%', 9.5],
  ])('%s vs %s → %d', (target, actual, score) => {
    expect(scoreOne({ target, actual })).toMatchObject({ kind: 'range', score });
  });
});

describe('§9.10 numbers inside text, signs repeated in actuals', () => {
  it('strips the sign 中江 repeats in the actual ("≥266米") and says it looks copied', () => {
    const r = scoreOne({ target: '≥266米', actual: '≥266米' });
    expect(r.score).toBe(10);
    expect(codes(r.issues)).toContain('actual-has-sign');
  });

  it.each([
    ['≥8400元', '8400元', 10],
    ['不少于12种', '14种', 10],
    ['≥30亩', '29.5亩', 9.83],
    ['≥100次', '116次', 10],
  ])('%s vs %s → %d', (target, actual, score) => {
    expect(scoreOne({ target, actual }).score).toBe(score);
  });

  it('asks instead of guessing when a long actual has several numbers of no matching unit', () => {
    const r = scoreOne({ target: '≥5', actual: '完成3项课题，发表论文8篇' });
    expect(codes(r.issues)).toContain('actual-unreadable');
  });
});

describe('§9.11 words for a numeric target', () => {
  it.each([
    ['≤30万元', '完成', '达成', 10],
    ['≥50个', '达成预期指标', '达成', 10],
    ['≥50个', '基本完成', '部分达成', 7],
  ])('%s vs "%s" is graded %s and asked for a number', (target, actual, grade, score) => {
    const r = scoreOne({ target, actual });
    expect(r).toMatchObject({ kind: 'qualitative', grade, score });
    expect(codes(r.issues)).toContain('actual-not-numeric');
  });
});

describe('§9.12–9.13 time', () => {
  it.each([
    ['2022年12月底前', '2022年12月', 10, []],
    ['≤12月', '2022年11月30日', 10, []],
    ['12月底之前完成', '12月', 10, []],
    ['2023年10月', '2023年10月', 10, []],
    ['2022年6月底前', '2022年9月', 7, ['late']],
    ['完成时间为2022年12月30日', '完成时间为2022年12月30日', 10, []],
    ['2022年12月底前', '按时完成', 10, []],
    ['2022年12月底前', '延期完成', 7, ['late']],
  ])('deadline %s, done %s → %d', (target, actual, score, flags) => {
    const r = scoreOne({ level2: '时效指标', target, actual });
    expect(r.kind).toBe('deadline');
    expect(r.score).toBe(score);
    for (const f of flags) expect(r.flags).toContain(f);
  });

  it('takes the form year when the deadline has none', () => {
    const r = scoreOne({ level2: '时效指标', target: '12月底前', actual: '2023年1月' }, { year: 2022 });
    expect(r.flags).toContain('late');
  });
});

describe('§9.14 qualitative scales', () => {
  it.each([
    ['高', '高', '达成', 10],
    ['高', '较高', '部分达成', 7],
    ['高', '中', '部分达成', 7],
    ['高', '低', '未达成', 3],
    ['好', '较好', '部分达成', 7],
    ['好', '差', '未达成', 3],
    ['显著', '显著提升', '达成', 10],
    ['效果明显', '达成预期指标', '达成', 10],
    ['有效', '有效', '达成', 10],
    ['有效', '无效', '未达成', 3],
    ['合格', '不合格', '未达成', 3],
    ['及时', '及时', '达成', 10],
    ['应保尽保', '应保尽保', '达成', 10],
    ['高中低', '高', '达成', 10],
    ['高中低', '中', '部分达成', 7],
  ])('target %s, actual %s → %s %d', (target, actual, grade, score) => {
    expect(scoreOne({ level1: '效益指标', level2: '社会效益指标', target, actual })).toMatchObject({
      kind: 'qualitative',
      grade,
      score,
    });
  });

  it('lets a self score inside the band stand, and puts one outside it back to the rule', () => {
    expect(scoreOne({ target: '高', actual: '较高', score: 6.5 }).score).toBe(6.5);
    const above = scoreOne({ target: '高', actual: '较高', score: 9 });
    expect(above.score).toBe(7);
    expect(codes(above.issues)).toContain('self-score-above-rule');
  });

  it('asks for a grade when the text says nothing and there is no self score', () => {
    const r = scoreOne({ target: '高中低', actual: '开展了大量工作，取得积极进展' });
    expect(codes(r.issues)).toContain('grade-missing');
  });

  it('uses the grade the user picked', () => {
    expect(scoreOne({ target: '高中低', actual: '开展了大量工作', grade: '部分达成' })).toMatchObject({
      grade: '部分达成',
      score: 7,
    });
  });
});

describe('§9.15–9.19 the budget block', () => {
  const score = (funding: object, profile?: string) =>
    scoreForm(formWith([{ target: '≥1个', actual: '1个', weight: 90 }], { funding } as never), { profile });

  it('§9.15 全年预算数 0: no rate, an error, no division by zero', () => {
    const r = score({ total: { initial: 0, annual: 0, executed: 0 } });
    expect(r.funding).toMatchObject({ rate: null, score: 0 });
    expect(codes(r.issues)).toContain('funding-budget-missing');
  });

  it('§9.16 executed above budget: capped at 分值 and flagged', () => {
    const r = score({ total: { initial: 100, annual: 100, executed: 120 } });
    expect(r.funding).toMatchObject({ rate: 1.2, score: 10 });
    expect(codes(r.issues)).toContain('executed-above-budget');
  });

  it('§9.17 年初预算数 0 with 全年预算数 set is normal (稷山 mid-year project)', () => {
    const r = score({ total: { initial: 0, annual: 50, executed: 45 } });
    expect(r.funding).toMatchObject({ rate: 0.9, score: 9 });
    expect(r.issues.filter((i) => i.path.startsWith('funding'))).toEqual([]);
  });

  it('§9.18 a zero 年度资金总额 row with spent 其中 rows falls back to their sum (池州 forms/07)', () => {
    const r = score({
      total: { initial: 0, annual: 0, executed: 0, score: 0 },
      appropriation: { initial: 90, annual: 89.974, executed: 89.974 },
    });
    expect(r.funding).toMatchObject({ rate: 1, ruleScore: 10 });
    expect(codes(r.issues)).toEqual(expect.arrayContaining(['funding-total-from-subrows', 'self-score-below-rule']));
  });

  it('§9.19 上年结转 counts in the total the form gives; mismatched sub-rows are flagged', () => {
    const r = score({
      total: { initial: 100, annual: 120, executed: 110 },
      appropriation: { annual: 100, executed: 95 },
      carryover: { annual: 10, executed: 10 },
    });
    expect(codes(r.issues)).toContain('funding-rows-mismatch');
  });

  it('half-up decimals: 9034/20000 × 10 = 4.52, not 4.516999… (普陀)', () => {
    expect(score({ total: { annual: 20000, executed: 9034 } }).funding.score).toBe(4.52);
    expect(score({ total: { annual: 250000, executed: 215457.6 } }).funding.score).toBe(8.62);
  });
});

describe('§9.20–9.23 weights and totals', () => {
  it('§9.20 weights that do not add up to 100 or to the 一级 weight', () => {
    const report = scoreForm(
      formWith([
        { level1: '产出指标', target: '≥1个', actual: '1个', weight: 70 },
        { level1: '效益指标', target: '≥1个', actual: '1个', weight: 20 },
        { level1: '满意度指标', target: '≥90%', actual: '95%', weight: 10 },
      ]),
    );
    expect(report.issues).toContainEqual(expect.objectContaining({ code: 'weights-not-100', severity: 'error' }));
    expect(report.issues).toContainEqual(
      expect.objectContaining({ code: 'level1-weight-mismatch', path: 'indicators.0.weight' }),
    );
  });

  it('§9.21 sums in decimal: 0.1 + 0.2 rows add to 0.3', () => {
    const report = scoreForm(
      formWith([
        { target: '≥1个', actual: '1个', weight: 0.1 },
        { target: '≥1个', actual: '1个', weight: 0.2 },
      ]),
    );
    expect(report.total).toBe(10.3);
  });

  it('§9.22 a missing 满意度 block is reported', () => {
    const report = scoreForm(formWith([{ target: '≥1个', actual: '1个', weight: 90 }]));
    expect(report.issues).toContainEqual(
      expect.objectContaining({ code: 'level1-missing', message: expect.stringContaining('满意度') }),
    );
  });

  it('§9.23 成本指标 as its own 一级 counts with 产出', () => {
    const report = scoreForm(
      formWith([
        { level1: '产出指标', target: '≥1个', actual: '1个', weight: 40 },
        { level1: '成本指标', level2: '经济成本指标', target: '≤10万元', actual: '9万元', weight: 10 },
        { level1: '效益指标', target: '≥1个', actual: '1个', weight: 30 },
        { level1: '满意度指标', target: '≥90%', actual: '95%', weight: 10 },
      ]),
    );
    expect(report.issues.filter((i) => i.code.startsWith('level1') || i.code === 'weights-not-100')).toEqual([]);
  });
});

describe('§9.25 a published score that differs from the rule', () => {
  it('keeps both and says why the rule wins', () => {
    const r = scoreOne({ target: '≥100%', actual: '95%', score: 10 });
    expect(r).toMatchObject({ ruleScore: 9.5, selfScore: 10, score: 9.5 });
    expect(r.issues).toContainEqual(expect.objectContaining({ code: 'self-score-above-rule' }));
  });

  it('self score above the weight is an error', () => {
    const r = scoreOne({ target: '≥1个', actual: '1个', score: 12 });
    expect(codes(r.issues)).toContain('score-above-weight');
  });

  it('the printed 自评总分 must equal the sum of its rows', () => {
    const report = scoreForm(
      formWith([{ target: '≥1个', actual: '1个', weight: 90, score: 90 }], {
        selfTotal: 95,
        funding: { total: { annual: 1, executed: 1, score: 10 } },
      }),
    );
    expect(report.issues).toContainEqual(expect.objectContaining({ path: 'selfTotal', code: 'self-total-mismatch' }));
  });
});

describe('explanations', () => {
  it('a full-score row whose explanation says nothing ("0", "暂无") is pointed out', () => {
    expect(codes(scoreOne({ target: '≥1个', actual: '1个', deviation: '0' }).issues)).toContain(
      'explanation-empty-words',
    );
  });

  it('"暂无" does not count as an explanation on a row that needs one', () => {
    expect(codes(scoreOne({ target: '≥10个', actual: '8个', deviation: '暂无' }).issues)).toContain(
      'explanation-missing',
    );
  });

  it('a real explanation on a missed row satisfies the check', () => {
    expect(
      codes(
        scoreOne({
          target: '≥10个',
          actual: '8个',
          deviation: '受合同签订延迟影响，2个点位顺延至次年建设。下一步将加快采购进度。',
        }).issues,
      ),
    ).not.toContain('explanation-missing');
  });
});

import { describe, expect, it } from 'vitest';
import { scoreForm } from '../../src/core/index.js';
import { fixtureForm, fixtureIds, readFixture } from '../support/fixture-form.js';

// Real published forms (shared/fixtures/forms): they break the rules often, and a reviewer's
// checks must say where.

describe.each(fixtureIds())('fixture forms/%s', (id) => {
  const form = fixtureForm(id);
  const report = scoreForm(form);

  it('scores every row or reports why it cannot, on that row', () => {
    for (const row of report.indicators) {
      if (row.flags.includes('template-row')) continue;
      const onRow = report.issues.filter((i) => i.path.startsWith(`indicators.${row.index}.`));
      const scored = row.ruleScore !== null || row.kind === 'qualitative';
      expect(scored || onRow.length > 0, `row ${row.index} ${row.name}: ${row.explanation}`).toBe(true);
      expect(row.explanation.length).toBeGreaterThan(4);
    }
  });

  it('gives a total within the weights it was given, and a grade', () => {
    const weights = (form.funding?.weight ?? 10) + form.indicators.reduce((a, r) => a + (r.weight ?? 0), 0);
    expect(report.total).toBeGreaterThanOrEqual(0);
    expect(report.total).toBeLessThanOrEqual(weights);
    expect(['优', '良', '中', '差']).toContain(report.grade);
  });
});

const has = (id: string, code: string, path?: string, profile?: string) => {
  const report = scoreForm(fixtureForm(id), { profile });
  return report.issues.some((i) => i.code === code && (path === undefined || i.path === path));
};

// Each listed anomaly that concerns scoring, caught by a check (the fixture's `anomalies`, in order)
describe('the published anomalies are caught', () => {
  it.each([
    ['01', '资金到位及时率 ≧100% met, scored 7/10', 'self-score-below-rule', 'indicators.2.score'],
    ['01', '政策知晓率 =100%, actual 98%, scored 9/10 (rule 9.8)', 'self-score-below-rule', 'indicators.5.score'],
    ['01', 'no deviation note on a row that lost points', 'explanation-missing', 'indicators.5.deviation'],
    ['02', 'rows without target or actual get full marks', 'actual-missing', 'indicators.2.actual'],
    ['02', 'an overall statement of just 完成年度目标。', 'goals-actual-thin', 'goals.actual'],
    ['03', '产出70 + 效益20 + 满意度10 + 执行10 = 110', 'weights-not-100', 'indicators'],
    ['03', 'the body does not follow its own 50/30 note', 'level1-weight-mismatch', 'indicators.0.weight'],
    ['03', 'actuals copied from targets with the sign ("≥266米")', 'actual-has-sign', 'indicators.0.actual'],
    ['05', 'execution 97.80% scored 9 (rule 9.78)', 'self-score-below-rule', 'funding.total.score'],
    ['06', 'funding weight 9, not 10', 'funding-weight-differs', 'funding.weight'],
    ['06', '0.958 × 9 = 8.63 published as 8', 'self-score-below-rule', 'funding.total.score'],
    ['06', '时效 met on the day, scored 5/6', 'self-score-below-rule', 'indicators.6.score'],
    ['06', '验收通过率 100% → 95% scored 5/6 without an explanation', 'explanation-missing', 'indicators.3.deviation'],
    ['07', 'execution published as 0 for a fully executed project', 'self-score-below-rule', 'funding.total.score'],
    ['07', '定性 actuals are all "达成预期指标"', 'actual-generic-phrase', 'indicators.2.actual'],
    ['07', '项目总成本 written as 90 although 89.974 was spent', 'cost-differs-from-executed', 'indicators.4.actual'],
    ['09', 'execution 86% scored 9 (rule 8.62)', 'self-score-above-rule', 'funding.total.score'],
    ['09', 'the money shortfall counted again as an output', 'indicator-restates-budget', 'indicators.0.target'],
    ['09', 'the same shortfall scored 9 as an output (rule 8.62)', 'self-score-above-rule', 'indicators.0.score'],
    ['09', 'deviation cells hold a placeholder "0"', 'explanation-empty-words', 'indicators.5.deviation'],
    ['10', 'every met indicator scored below full: 9/10', 'self-score-below-rule', 'indicators.0.score'],
    ['10', 'every met indicator scored below full: 27/30', 'self-score-below-rule', 'indicators.3.score'],
    ['10', 'the quantity indicator is the grant amount itself', 'indicator-restates-budget', 'indicators.0.target'],
    ['12', '早孕建册 69/120 scored 1/2 (rule 1.15)', 'self-score-below-rule', 'indicators.13.score'],
    ['12', '居民健康档案 37442/38508 scored full 3/3', 'self-score-above-rule', 'indicators.0.score'],
    ['12', '6次 → 150次: a target set far below delivery, no comment', 'explanation-missing', 'indicators.4.deviation'],
    ['12', 'no deviation note on 13 under-achieved rows', 'explanation-missing', 'indicators.14.deviation'],
    ['14', 'the cost indicator is the budget itself (45万 = 45万)', 'indicator-restates-budget', 'indicators.3.target'],
  ])('forms/%s: %s → %s on %s', (id, _anomaly, code, path) => {
    expect(has(id, code, path)).toBe(true);
  });

  it('forms/14 scores its funding by 年初预算数 under its own profile (济南历城 2019)', () => {
    const report = scoreForm(fixtureForm('14'), { profile: 'shandong-jinan-2019' });
    expect(report.funding).toMatchObject({ rate: 1, score: 10 });
    expect(report.issues.map((i) => i.code)).not.toContain('funding-annual-missing');
    expect(has('14', 'funding-annual-missing', 'funding.total.annual')).toBe(true);
  });

  it('forms/05 under yunnan rounds the execution score down as 临翔 did (97.80% → 9)', () => {
    const report = scoreForm(fixtureForm('05'), { profile: 'yunnan' });
    expect(report.funding.score).toBe(9);
    expect(report.issues.filter((i) => i.path === 'funding.total.score')).toEqual([]);
  });

  it('forms/12 partial scores follow B/A: 高血压规范管理 3224/3807 → 1.69', () => {
    const report = scoreForm(fixtureForm('12'));
    expect(report.indicators[15]).toMatchObject({ ruleScore: 1.69, selfScore: 1.9, score: 1.69 });
  });

  it('each fixture lists its anomalies (sanity of the data these tests stand on)', () => {
    for (const id of fixtureIds()) expect(readFixture(id).anomalies.length).toBeGreaterThan(0);
  });
});

import { describe, expect, it } from 'vitest';
import { getProfile, listProfiles, scoreForm, ZipingError } from '../../src/core/index.js';
import { codes, formWith, scoreOne } from '../support/one-row.js';

describe('the profile registry', () => {
  it('lists mof-2020 first and every local variant with evidence', () => {
    const ids = listProfiles().map((p) => p.id);
    expect(ids[0]).toBe('mof-2020');
    expect(ids).toEqual(
      expect.arrayContaining(['beijing', 'hubei', 'sichuan', 'guangxi', 'hebei-tianjin', 'shandong-jinan-2019']),
    );
  });

  it('gives every setting that differs from its parent a source', () => {
    for (const p of listProfiles()) {
      for (const source of Object.values(p.sources)) {
        expect(source.ref.length).toBeGreaterThan(5);
        expect(['V', 'V-form', 'C', 'M', 'I', 'unverified']).toContain(source.tag);
      }
    }
  });

  it('beijing inherits mof-2020 and says it is unverified', () => {
    const bj = getProfile('beijing');
    expect(bj.settings).toEqual(getProfile('mof-2020').settings);
    expect(bj.banner).toContain('待核实');
    const report = scoreForm(formWith([{ target: '≥1个', actual: '1个', weight: 90 }]), { profile: 'beijing' });
    expect(report.issues).toContainEqual(expect.objectContaining({ code: 'profile-unverified' }));
  });

  it('refuses an unknown profile naming the ones it has', () => {
    expect(() => getProfile('shanghai')).toThrow(ZipingError);
    expect(() => getProfile('shanghai')).toThrow(/mof-2020/);
  });
});

// scoring-rules.md §6: one test per disagreement between sources
describe('§6 where the sources disagree', () => {
  it('1. reverse formula: w·A/B (mof-2020, hubei) vs w·(2 − B/A) (pmkpi: guangxi, hebei-tianjin)', () => {
    const row = { target: '≤100万元', actual: '125万元', weight: 10 };
    expect(scoreOne(row).ruleScore).toBe(8);
    expect(scoreOne(row, { profile: 'hubei' }).ruleScore).toBe(8);
    expect(scoreOne(row, { profile: 'guangxi' }).ruleScore).toBe(7.5);
    expect(scoreOne({ ...row, actual: '250万元' }, { profile: 'guangxi' }).ruleScore).toBe(0);
  });

  it('2. qualitative lower band: 60% (mof-2020) vs 50% (hubei, jinan)', () => {
    const row = { target: '高', actual: '中', score: 5.5 };
    expect(scoreOne(row)).toMatchObject({ grade: '部分达成', score: 7 });
    expect(codes(scoreOne(row).issues)).toContain('self-score-below-rule');
    expect(scoreOne(row, { profile: 'hubei' })).toMatchObject({ grade: '部分达成', score: 5.5 });
    expect(scoreOne(row, { profile: 'shandong-jinan-2019' })).toMatchObject({ score: 5.5 });
  });

  it('3. execution denominator: 全年预算数 (most) vs 年初预算数 (济南历城 2019)', () => {
    const form = formWith([{ target: '≥1个', actual: '1个', weight: 90 }], {
      funding: { total: { initial: 50, annual: 40, executed: 40 } },
    });
    expect(scoreForm(form).funding).toMatchObject({ rate: 1, score: 10 });
    expect(scoreForm(form, { profile: 'shandong-jinan-2019' }).funding).toMatchObject({ rate: 0.8, score: 8 });
  });

  it('4. execution weight: 10 (mof) vs 20 (hubei) vs what the form prints (裕安 9)', () => {
    const rows = [{ target: '≥1个', actual: '1个', weight: 80 }];
    expect(
      scoreForm(formWith(rows, { funding: { total: { annual: 10, executed: 9 } } }), { profile: 'hubei' }).funding,
    ).toMatchObject({ weight: 20, score: 18 });
    const yuan = scoreForm(formWith(rows, { funding: { weight: 9, total: { annual: 29, executed: 27.8 } } }));
    expect(yuan.funding).toMatchObject({ weight: 9, score: 8.63 });
    expect(codes(yuan.issues)).toContain('funding-weight-differs');
  });

  it('5. execution scoring: linear vs full at 95% (宁德); total capped by rate (一体化 manual)', () => {
    const rows = [{ level1: '产出指标', target: '≥1个', actual: '1个', weight: 90 }];
    const at96 = formWith(rows, { funding: { total: { annual: 100, executed: 96 } } });
    expect(scoreForm(at96).funding.score).toBe(9.6);
    expect(scoreForm(at96, { profile: 'fujian-ningde' }).funding.score).toBe(10);
    const at65 = formWith(rows, { funding: { total: { annual: 100, executed: 65 } } });
    expect(scoreForm(at65).total).toBe(96.5);
    const capped = scoreForm(at65, { profile: 'yitihua-manual' });
    expect(capped.total).toBe(79);
    expect(codes(capped.issues)).toContain('total-capped-by-rate');
  });

  it('6. over-achievement: flag and explain (mof 120%), explain from 130% (guangxi), −2 points (一体化 manual)', () => {
    const row = { target: '≥10个', actual: '12.5个' };
    expect(scoreOne(row)).toMatchObject({ score: 10, needsExplanation: true });
    expect(scoreOne(row).flags).toContain('over-achievement');
    expect(scoreOne(row, { profile: 'guangxi' })).toMatchObject({ score: 10, needsExplanation: false });
    expect(scoreOne({ target: '≥10个', actual: '13个' }, { profile: 'guangxi' }).needsExplanation).toBe(true);
    expect(scoreOne({ target: '≥10个', actual: '13个' }, { profile: 'yitihua-manual' })).toMatchObject({
      ruleScore: 8,
      score: 8,
    });
  });

  it('7. "=" rows: scored as positive (mof, pmkpi) vs left to a person when unequal (hebei-tianjin)', () => {
    const row = { target: '=100%', actual: '95%', score: 10 };
    expect(scoreOne(row)).toMatchObject({ kind: 'equal', ruleScore: 9.5, score: 9.5 });
    const tj = scoreOne(row, { profile: 'hebei-tianjin' });
    expect(tj).toMatchObject({ ruleScore: 9.5, score: 10 });
    expect(tj.flags).toContain('manual-review');
    expect(codes(tj.issues)).toContain('manual-review');
  });

  it('8. when a reason is required: any loss (mof), execution below 90% (sichuan), from 130% over (guangxi)', () => {
    expect(scoreOne({ target: '≥10个', actual: '9个' }).needsExplanation).toBe(true);
    const form = formWith([{ target: '≥1个', actual: '1个', weight: 90 }], {
      funding: { total: { annual: 100, executed: 85 } },
    });
    expect(codes(scoreForm(form).issues)).not.toContain('exec-reason-missing');
    const sc = scoreForm(form, { profile: 'sichuan' });
    expect(sc.funding.needsExplanation).toBe(true);
    expect(sc.issues).toContainEqual(expect.objectContaining({ path: 'funding.reason', code: 'exec-reason-missing' }));
    const explained = formWith([{ target: '≥1个', actual: '1个', weight: 90 }], {
      funding: { total: { annual: 100, executed: 85 }, reason: '受政府采购流程影响，部分设备款于次年支付。' },
    });
    expect(codes(scoreForm(explained, { profile: 'sichuan' }).issues)).not.toContain('exec-reason-missing');
  });

  it('9. rounding: half-up to 2 decimals (mof) vs integers rounded down (yunnan: 临翔 97.80% → 9)', () => {
    const form = formWith([{ target: '≥1个', actual: '1个', weight: 90 }], {
      funding: { total: { annual: 32.4, executed: 31.69 } },
    });
    expect(scoreForm(form).funding.score).toBe(9.78);
    expect(scoreForm(form, { profile: 'yunnan' }).funding.score).toBe(9);
    expect(scoreOne({ target: '=100%', actual: '98%' }, { profile: 'yunnan' }).score).toBe(9);
  });

  it.each([
    [90, '优'],
    [89.99, '良'],
    [89.5, '良'],
    [80, '良'],
    [79.99, '中'],
    [60, '中'],
    [59.99, '差'],
  ])('10. grade bands are half-open: %d → %s', (total, grade) => {
    const form = formWith([{ target: '≥1个', actual: '1个', weight: 90, score: null }], {
      funding: { total: { annual: 100, executed: 100 } },
    });
    // scale the single row so that the total lands on the wanted value
    form.indicators[0]!.actual = `${((total - 10) / 90).toFixed(6)}个`;
    expect(scoreForm(form).grade).toBe(grade);
  });

  it('11. 成本指标 as a 二级 under 产出 and as its own 一级 both score as reverse rows', () => {
    expect(scoreOne({ level1: '产出指标', level2: '成本指标', target: '≤90万元', actual: '89.974万元' })).toMatchObject(
      { kind: 'reverse', score: 10 },
    );
    expect(scoreOne({ level1: '成本指标', level2: '经济成本指标', target: '≤90万元', actual: '95万元' })).toMatchObject(
      { kind: 'reverse', score: 9.47 },
    );
  });
});

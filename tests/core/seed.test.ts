import { describe, expect, it } from 'vitest';
import { ScoreReportSchema, scoreForm } from '../../src/core/index.js';
import { seedForm } from '../support/seed.js';

// form-format.md §3: what the seed gives under mof-2020
describe('the seed form (北京智源人工智能研究院建设 2022) under mof-2020', () => {
  const report = scoreForm(seedForm());
  const row = (name: string) => report.indicators.find((r) => r.name === name)!;

  it('follows the score report contract', () => {
    expect(() => ScoreReportSchema.parse(report)).not.toThrow();
    expect(report.profile).toBe('mof-2020');
  });

  it('gives funding 10.00, total 87.50, self total 89.00, grade 良', () => {
    expect(report.funding).toMatchObject({ rate: 1, ruleScore: 10, selfScore: 10, score: 10 });
    expect(report.total).toBe(87.5);
    expect(report.selfTotal).toBe(89);
    expect(report.grade).toBe('良');
  });

  it('marks 支持智源学者 (≤10人, actual 20人, self 3) down to 1.50 with an error', () => {
    expect(row('支持智源学者')).toMatchObject({
      kind: 'reverse',
      ruleScore: 1.5,
      selfScore: 3,
      score: 1.5,
      needsExplanation: true,
    });
    expect(row('支持智源学者').explanation).toBe(
      '反向指标，指标值≤10人，实际20人，超过指标值，得分 = 3.00 × 10/20 = 1.50',
    );
    expect(report.issues).toContainEqual({
      severity: 'error',
      path: 'indicators.5.score',
      code: 'self-score-above-rule',
      message: '自评得分3分高于规则得分1.50分，且未说明理由',
    });
  });

  it('keeps 高质量人工智能数据集 at its self score 4: over-achieved with the reason written', () => {
    expect(row('高质量人工智能数据集')).toMatchObject({ ruleScore: 5, selfScore: 4, score: 4, needsExplanation: true });
    expect(report.issues.filter((i) => i.path.startsWith('indicators.1.'))).toEqual([]);
  });

  it.each([
    ['智算平台运行保障', 4, 1.48],
    ['超大规模智能模型科研攻关', 6, 1.333333],
  ])('demands an explanation for %s (exceeded by 20%% or more, none given)', (name, index, completion) => {
    expect(row(name)).toMatchObject({ score: row(name).weight, needsExplanation: true, completion });
    expect(row(name).flags).toContain('over-achievement');
    expect(report.issues).toContainEqual(
      expect.objectContaining({
        severity: 'error',
        path: `indicators.${index}.deviation`,
        code: 'explanation-missing',
      }),
    );
  });

  it('reads 健康管理等垂直领域应用创新 "1项" out of its long actual and raises no over-achievement flag', () => {
    const r = row('健康管理等垂直领域应用创新');
    expect(r).toMatchObject({ kind: 'positive', ruleScore: 5, score: 5, completion: 1, needsExplanation: false });
    expect(r.flags).not.toContain('over-achievement');
  });

  it('scores the 时效 rows "≤12月" against "2022年12月底前" as on time', () => {
    for (const name of ['智源创新中心建设', '超大规模智能模型发布', '持续实施智源学者计划']) {
      expect(row(name)).toMatchObject({ kind: 'deadline', score: row(name).weight });
    }
  });

  it('puts the "高中低" rows in the band their self score falls in', () => {
    expect(row('研究院对学术和产业的促进作用')).toMatchObject({
      kind: 'qualitative',
      grade: '未达成',
      selfScore: 5,
      score: 5,
    });
  });

  it('lists errors before warnings and infos', () => {
    const order = report.issues.map((i) => ({ error: 0, warning: 1, info: 2 })[i.severity]);
    expect(order).toEqual([...order].sort());
  });
});

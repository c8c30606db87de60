import { describe, expect, it } from 'vitest';
import { printedScores, scoreForm } from '../../src/core/index.js';
import { formWith } from '../support/one-row.js';
import { seedForm } from '../support/seed.js';

// The 得分 column and 总分 as printed (print view, .xlsx, .docx): 总分 includes 预算执行率 (issue 10)

/** Funding 9.00 by rule (90 of 100 spent, no self score), rows self-scored 9.50 and 10.00. */
const ninetyPercentForm = (selfTotal: number | null = null) =>
  formWith(
    [
      { target: '≥10个', actual: '9.5个', score: 9.5 },
      { target: '≥1次', actual: '1次', score: 10 },
    ],
    {
      funding: { unit: '万元', weight: 10, total: { initial: 100, annual: 100, executed: 90, score: null } },
      selfTotal,
    },
  );

describe('printed 总分', () => {
  it('counts the 预算执行率 score a form leaves to the rules: 9.00 + 9.50 + 10.00 = 28.50', () => {
    const form = ninetyPercentForm();
    const report = scoreForm(form);
    expect(report.funding.score).toBe(9);
    expect(report.selfTotal).toBe(28.5);
    expect(printedScores(form, report)).toEqual({
      fundingWeight: 10,
      funding: 9,
      rows: [9.5, 10],
      weightTotal: 30,
      total: 28.5,
    });
  });

  it('accepts a typed 自评总分 that includes the funding score, and flags one that leaves it out', () => {
    expect(scoreForm(ninetyPercentForm(28.5)).issues.map((i) => i.code)).not.toContain('self-total-mismatch');
    const short = scoreForm(ninetyPercentForm(19.5));
    expect(short.issues).toContainEqual(expect.objectContaining({ path: 'selfTotal', code: 'self-total-mismatch' }));
  });

  it('prints the seed as published: 100 and 89.00, self scores kept', () => {
    const form = seedForm();
    const printed = printedScores(form, scoreForm(form));
    expect(printed.weightTotal).toBe(100);
    expect(printed.total).toBe(89);
    expect(printed.rows[5]).toBe(3); // 支持智源学者: self 3 stays on the form, the report's issue says why
  });

  it('falls back to 核定总分 when the form gives no self score at all', () => {
    const form = formWith([{ target: '≥10个', actual: '5个' }]);
    const report = scoreForm(form);
    expect(report.selfTotal).toBeNull();
    expect(printedScores(form, report)).toMatchObject({ rows: [5], total: report.total });
    expect(report.total).toBe(15);
  });
});

import { describe, expect, it } from 'vitest';
import { checkFunding } from '../../src/core/checks/funding-checks.js';
import { Big } from '../../src/core/decimal.js';
import type { FundingResult } from '../../src/core/index.js';
import { formWith } from '../support/one-row.js';

const RESULT = { rate: 1, ruleScore: 10, selfScore: null, score: 10, weight: 10, explanation: '' } as FundingResult;

/** The 全年预算数 mismatch message for a total and its 其中 rows, or null when they add up. */
function mismatch(annual: number, parts: number[]): string | null {
  const [appropriation, carryover, other] = parts.map((p) => ({ annual: p }));
  const form = formWith([{}], { funding: { unit: '万元', total: { annual }, appropriation, carryover, other } });
  return checkFunding(form, RESULT).find((i) => i.code === 'funding-rows-mismatch')?.message ?? null;
}

/** The message as the check wrote it before issue #9: the rows added by big.js, within 0.005 of the total. */
function before(annual: number, parts: number[]): string | null {
  const sum = parts.reduce((a, v) => a.plus(v), new Big(0));
  if (sum.minus(annual).abs().lte('0.005')) return null;
  return `年度资金总额的全年预算数${annual}不等于“其中”各行合计${sum.toString()}`;
}

describe('funding rows that do not add up (the sum written as big.js writes it)', () => {
  it.each([
    [100, [60, 40]],
    [100, [60, 30.5]],
    [1, [0.1, 0.2]],
    [0.3, [0.1, 0.2]],
    [100, [99.996]],
    [100, [99.994]],
    [100, [33.333, 33.333, 33.333]],
    [100, [33.33, 33.33, 33.33]],
    [5, [999999999999.99, 0.01]],
    [5, [123456789012.34567]],
    [89.974, [50, 39.97]],
    [89.974, [50, 39.96]],
    [1e12, [5e11, 4.9999999999999e11]],
  ])('total %d, rows %j', (annual, parts) => {
    expect(mismatch(annual, parts)).toBe(before(annual, parts));
  });

  it('names the sum', () => {
    expect(mismatch(100, [60, 30.5])).toBe('年度资金总额的全年预算数100不等于“其中”各行合计90.5');
    expect(mismatch(1, [0.1, 0.2])).toBe('年度资金总额的全年预算数1不等于“其中”各行合计0.3');
  });
});

/**
 * Issue #8, "non-finite numbers" and "size": each finding reproduced, then the limit that stops it
 * (src/core/limits.ts), with the Chinese message naming the field and its stable code.
 */
import { describe, expect, it } from 'vitest';
import { STATUS_OF_CODE } from '../../src/app/error-status.js';
import { ZipingError } from '../../src/core/errors.js';
import { parseForm, scoreForm, type Form, type FormInput } from '../../src/core/index.js';
import { MAX_AMOUNT, MAX_DECIMALS, MAX_NUMBER_DIGITS, MAX_ROWS, MAX_WEIGHT } from '../../src/core/limits.js';
import { isNarrativePath, narrativeRowIndex, narrativeSnapshot } from '../../src/core/narratives/index.js';
import { firstNonFinite } from '../../src/core/scoring/finite-report.js';
import { formWith } from '../support/one-row.js';

function base(rows: Partial<FormInput['indicators'][number]>[], extra: Partial<FormInput> = {}): FormInput {
  return {
    year: 2022,
    project: { name: '测试项目' },
    funding: { unit: '万元', weight: 10, total: { initial: 100, annual: 100, executed: 100 } },
    indicators: rows.map((r) => ({
      level1: '产出指标',
      level2: '数量指标',
      name: '测试指标',
      target: '≥10个',
      actual: '10个',
      weight: 10,
      ...r,
    })),
    ...extra,
  };
}

function refusal(input: unknown): { code: string; issues: { path: string; code: string; message: string }[] } {
  try {
    parseForm(input);
  } catch (error) {
    expect(error).toBeInstanceOf(ZipingError);
    const e = error as ZipingError;
    expect(e.code).toBe('invalid_form');
    return { code: e.code, issues: e.issues ?? [] };
  }
  throw new Error('expected the form to be refused');
}

describe('1e308 weights', () => {
  it('finding: two rows of weight 1e308 sum to Infinity; the scorer now refuses to return it', () => {
    const rows = [0, 1].map(() => ({
      level1: '产出指标',
      name: '指标',
      target: '≥10个',
      actual: '10个',
      weight: 1e308,
    }));
    const form = { formType: 'project', year: 2022, project: { name: 'x' }, indicators: rows } as Form; // past the schema
    expect(1e308 + 1e308).toBe(Infinity);
    const error = (() => {
      try {
        scoreForm(form);
      } catch (e) {
        return e as ZipingError;
      }
      return null;
    })();
    expect(error?.code).toBe('non_finite_number');
    expect(STATUS_OF_CODE[error!.code]).toBe(422);
  });

  it('the schema refuses a weight above MAX_WEIGHT, naming the row field', () => {
    const { issues } = refusal(base([{ weight: 1e308 }, { weight: 1e308 }]));
    expect(issues).toEqual([
      { path: 'indicators.0.weight', code: 'too_big', message: `分值不能大于${MAX_WEIGHT}` },
      { path: 'indicators.1.weight', code: 'too_big', message: `分值不能大于${MAX_WEIGHT}` },
    ]);
  });
});

describe('budgets', () => {
  it.each([
    ['negative', -5, 'too_small', '全年预算数必须是非负数'],
    ['huge', 1e300, 'too_big', `全年预算数不能大于${MAX_AMOUNT}`],
    ['tiny', 1e-300, 'too_many_decimals', `全年预算数最多${MAX_DECIMALS}位小数`],
  ])('a %s budget is refused (was: −500 points or a 500 from the decimal library)', (_name, annual, code, message) => {
    const { issues } = refusal(base([{}], { funding: { total: { initial: 100, annual, executed: 50 } } }));
    expect(issues).toEqual([{ path: 'funding.total.annual', code, message }]);
  });

  it('the decimal helper refuses a non-finite number with a ZipingError, not a bare big.js error', async () => {
    const { dec } = await import('../../src/core/decimal.js');
    expect(() => dec(Number.NaN)).toThrow(ZipingError);
    expect(() => dec(Infinity)).toThrow(/非有限数/);
  });
});

describe('a score never exceeds its weight', () => {
  it('finding: half-up rounding of a full 2.675 gives 2.68; the rule score is now 2.67', () => {
    const report = scoreForm(formWith([{ target: '≥100个', actual: '100个', weight: 2.675 }]));
    const row = report.indicators[0]!;
    expect(row.ruleScore).toBe(2.67);
    expect(row.score).toBeLessThanOrEqual(2.675);
  });

  it('a funding weight of 2.675 fully executed scores 2.67', () => {
    const report = scoreForm(formWith([{}], { funding: { weight: 2.675, total: { annual: 100, executed: 100 } } }));
    expect(report.funding.ruleScore).toBe(2.67);
  });
});

describe('digits and characters', () => {
  it(`a 指标值 with a run of more than ${MAX_NUMBER_DIGITS} digits is refused`, () => {
    // the issue's 60 KB of digits is also over the cell length; 1 000 digits only break the digit limit
    expect(refusal(base([{ target: `≥${'9'.repeat(60_000)}个` }])).issues.map((i) => i.code)).toEqual([
      'too_long',
      'too_many_digits',
    ]);
    const { issues } = refusal(base([{ target: `≥${'9'.repeat(1000)}个` }]));
    expect(issues).toEqual([
      {
        path: 'indicators.0.target',
        code: 'too_many_digits',
        message: `年度指标值中的数字不能超过${MAX_NUMBER_DIGITS}位`,
      },
    ]);
  });

  // The checks skip texts too short to hold a long run and integer amounts (issue #9): the edges still hold
  it.each([
    [`${'9'.repeat(MAX_NUMBER_DIGITS + 1)}`, ['too_many_digits']],
    [`${'９'.repeat(MAX_NUMBER_DIGITS + 1)}`, ['too_many_digits']],
    [`${'9'.repeat(MAX_NUMBER_DIGITS)}`, []],
    [`≥${'9'.repeat(MAX_NUMBER_DIGITS - 1)}`, []],
  ])('the digit limit on a cell of exactly its length: %s', (target, codes) => {
    const result = (() => {
      try {
        parseForm(base([{ target }]));
        return [];
      } catch (error) {
        return ((error as ZipingError).issues ?? []).map((i) => i.code);
      }
    })();
    expect(result).toEqual(codes);
  });

  it.each([
    [12_345_678, true],
    [0.5, true],
    [1.123456, MAX_DECIMALS >= 6],
    [1.1234567, MAX_DECIMALS >= 7],
  ])('the decimal limit on an amount of %s', (annual, passes) => {
    const input = base([{}], { funding: { total: { initial: 100, annual, executed: 50 } } });
    if (passes) expect(parseForm(input).funding?.total?.annual).toBe(annual);
    else expect(refusal(input).issues.map((i) => i.code)).toEqual(['too_many_decimals']);
  });

  it('a run of exactly the limit passes', () => {
    expect(parseForm(base([{ actual: `${'9'.repeat(MAX_NUMBER_DIGITS)}个` }])).indicators[0]!.actual).toHaveLength(
      MAX_NUMBER_DIGITS + 1,
    );
  });

  it('an over-long cell is refused with its length', () => {
    const { issues } = refusal(base([{ deviation: '因'.repeat(5001) }]));
    expect(issues[0]).toMatchObject({ path: 'indicators.0.deviation', code: 'too_long' });
    expect(issues[0]!.message).toContain('偏差原因分析及改进措施不能超过5000个字符');
  });
});

describe('20,000 rows', () => {
  it('finding: the old path rule read row 10 000 as goals.actual', () => {
    const OLD = /^(?:goals\.actual|indicators\.(0|[1-9]\d{0,3})\.deviation)$/;
    const match = OLD.exec('indicators.10000.deviation');
    expect(match).toBeNull(); // so narrativeRowIndex returned null: goals.actual, with a snapshot of all actuals
  });

  it('the schema refuses more than MAX_ROWS rows', () => {
    const rows = Array.from({ length: 20_000 }, () => ({}));
    const { issues } = refusal(base(rows));
    expect(issues).toEqual([{ path: 'indicators', code: 'too_many', message: `绩效指标最多${MAX_ROWS}项` }]);
  });

  it('a row path past the limit is not a narrative path, and is never read as goals.actual', () => {
    expect(isNarrativePath('indicators.10000.deviation')).toBe(false);
    expect(isNarrativePath(`indicators.${MAX_ROWS - 1}.deviation`)).toBe(true);
    expect(() => narrativeRowIndex('indicators.10000.deviation')).toThrow(RangeError);
  });

  it('the last row of a full form has its own small snapshot', () => {
    const form = parseForm(base(Array.from({ length: MAX_ROWS }, (_, i) => ({ actual: `${i}个` }))));
    const report = scoreForm(form);
    const snapshot = narrativeSnapshot(form, report, `indicators.${MAX_ROWS - 1}.deviation`);
    expect(snapshot).toMatchObject({ kind: 'deviation', index: MAX_ROWS - 1, actual: `${MAX_ROWS - 1}个` });
    expect(firstNonFinite(report)).toBeNull();
  });
});

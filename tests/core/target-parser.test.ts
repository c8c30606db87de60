import { describe, expect, it } from 'vitest';
import { parseTarget } from '../../src/core/parse/target-parser.js';

const ctx = { year: 2022, level2: null, unsignedAs: 'ge' as const };

// scoring-rules.md §4 and §9.7: every sign in the forms real 指标值 use
describe('signs in 年度指标值', () => {
  it.each([
    ['≥6个', 'ge', 6, '个'],
    ['≧100%', 'ge', 100, '%'],
    ['>=21933人', 'ge', 21933, '人'],
    ['＞=90%', 'ge', 90, '%'],
    ['不少于12种', 'ge', 12, '种'],
    ['不低于95%', 'ge', 95, '%'],
    ['至少3次', 'ge', 3, '次'],
    ['100%以上', 'ge', 100, '%'],
    ['>90%', 'gt', 90, '%'],
    ['≤20500万元', 'le', 20500, '万元'],
    ['≦5天', 'le', 5, '天'],
    ['<=90万元', 'le', 90, '万元'],
    ['不超过30万元', 'le', 30, '万元'],
    ['控制在90万元以内', 'le', 90, '万元'],
    ['5个工作日以内', 'le', 5, '个工作日'],
    ['=100%', 'eq', 100, '%'],
    ['═ 8个', 'eq', 8, '个'],
    ['﹦72890 元', 'eq', 72890, '元'],
    ['＝42个', 'eq', 42, '个'],
    ['每亩300', 'eq', 300, null],
    ['≥100百分比', 'ge', 100, '百分比'],
    ['足额保障率=100%', 'eq', 100, '%'],
    ['≥1.2万亩', 'ge', 1.2, '万亩'],
    ['≥2.6亿元', 'ge', 2.6, '亿元'],
    ['20,500.000000万元', 'ge', 20500, '万元'],
  ])('%s → %s %d %s', (text, sign, value, unit) => {
    const t = parseTarget(text, ctx);
    expect(t.kind).toBe('number');
    if (t.kind !== 'number') return;
    expect(t.sign).toBe(sign);
    expect(t.quantity.value).toBe(value);
    expect(t.quantity.unit?.label ?? null).toBe(unit);
  });

  it('reads a number without a sign by the profile and says it assumed it', () => {
    expect(parseTarget('1次', ctx)).toMatchObject({ kind: 'number', sign: 'ge', signAssumed: true });
    expect(parseTarget('1次', { ...ctx, unsignedAs: 'eq' })).toMatchObject({
      kind: 'number',
      sign: 'eq',
      signAssumed: true,
    });
  });
});

describe('deadlines, ranges, scales and placeholders', () => {
  it.each([
    ['2022年12月底前', { year: 2022, month: 12, day: null, yearAssumed: false }],
    ['≤12月', { year: 2022, month: 12, day: null, yearAssumed: true }],
    ['12月底之前完成', { year: 2022, month: 12, day: null, yearAssumed: true }],
    ['2023年10月', { year: 2023, month: 10, day: null, yearAssumed: false }],
    ['完成时间为2022年12月30日', { year: 2022, month: 12, day: 30, yearAssumed: false }],
  ])('%s is a deadline', (text, date) => {
    expect(parseTarget(text, ctx)).toEqual({ kind: 'deadline', date });
  });

  it('reads "6个月" as a duration, not a month of the year', () => {
    expect(parseTarget('≤6个月', ctx)).toMatchObject({
      kind: 'number',
      sign: 'le',
      quantity: { value: 6, unit: { label: '个月' } },
    });
  });

  it.each([
    ['90%-95%', 90, 95],
    ['90~95%', 90, 95],
  ])('%s is a range', (text, low, high) => {
    expect(parseTarget(text, ctx)).toMatchObject({ kind: 'range', low: { value: low }, high: { value: high } });
  });

  it.each([
    ['高中低', 'scale-list'],
    ['好/较好/一般/差', 'scale-list'],
    ['高', 'level'],
    ['显著', 'level'],
    ['较好', 'level'],
    ['严格执行相关制度规定', 'text'],
    ['及时', 'text'],
    ['有效', 'text'],
    ['达成预期指标', 'text'],
  ])('%s is %s', (text, kind) => {
    expect(parseTarget(text, ctx).kind).toBe(kind);
  });

  it.each(['—', '-', '/', '*', '无', '……', '指标1:', '指标2'])('%s is a placeholder', (text) => {
    expect(parseTarget(text, ctx).kind).toBe('placeholder');
  });

  it.each([null, undefined, '', '   '])('%s is empty', (text) => {
    expect(parseTarget(text, ctx).kind).toBe('empty');
  });
});

import { describe, expect, it } from 'vitest';
import { findQuantities, nextNumber } from '../../src/core/parse/quantity.js';
import { seededRandom } from '../support/seeded-random.js';

// The regular expression the scanner replaced (issue #9), kept here as its specification
const NUMBER = /(?:(?<=^|[\s（(：:，,为])[-－])?(?<![\d.])(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?/g;

function byPattern(text: string): [number, number][] {
  return [...text.matchAll(NUMBER)].map((m) => [m.index, m.index + m[0].length]);
}

function byScan(text: string): [number, number][] {
  const out: [number, number][] = [];
  for (let at = nextNumber(text, 0); at !== null; at = nextNumber(text, at[1])) out.push(at);
  return out;
}

const ALPHABET = Array.from('0159,.-－ \u3000（(：:，为%万a年月');

describe('nextNumber reads the numbers the NUMBER pattern matched', () => {
  it.each([
    '≥8400元',
    '29.5亩',
    '20,500.000000',
    '1,2345',
    '1234,567',
    '1,234,5678',
    '90%-95%',
    '为-3%',
    '-5个',
    '（－5个）',
    '5-3',
    '.5',
    '0.958',
    '2022年12月30日',
    '健康管理等垂直领域应用创新1项，…100名患者',
    '1,234.5万元',
    '12,34',
  ])('%j', (text) => {
    expect(byScan(text)).toEqual(byPattern(text));
  });

  it('agrees on 20,000 random texts of digits, separators and signs', () => {
    const next = seededRandom(9);
    for (let n = 0; n < 20_000; n += 1) {
      const length = 1 + Math.floor(next() * 14);
      const text = Array.from({ length }, () => ALPHABET[Math.floor(next() * ALPHABET.length)]).join('');
      expect(byScan(text), text).toEqual(byPattern(text));
    }
  });

  it('findQuantities still reads values and units', () => {
    expect(
      findQuantities('从1,234.5万元降为-3%，共12人次').map((q) => [q.value, q.unit?.label ?? null, q.raw]),
    ).toEqual([
      [1234.5, '万元', '1,234.5万元'],
      [-3, '%', '-3%'],
      [12, '人次', '12人次'],
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import { unitInName } from '../../src/core/facts/row-unit.js';
import { unitAt } from '../../src/core/parse/units.js';

// The matchAll reading the scan replaced (issue #9), kept here as its specification
const BRACKETED = /[（(]([^（）()]{1,8})[)）]/g;
function byPattern(name: string) {
  let found = null;
  for (const m of name.slice(0, 500).matchAll(BRACKETED)) {
    const inner = m[1]!.trim();
    const read = unitAt(inner);
    if (read && read.length === inner.length) found = read.unit;
  }
  return found;
}

const PARTS = [...Array.from('(（)）人%万次a率'), ' ', '人次', '万元', '123456789'];

describe('unitInName reads the bracketed unit the pattern read', () => {
  it.each([
    '带动贫困户(人)',
    '完成率（%）',
    '培训人次（万人次）（人）',
    '（（人）',
    '(人（）',
    '（ 人 ）',
    '（一二三四五六七八九人）',
    `${'x'.repeat(495)}（人）`,
    `${'x'.repeat(493)}（人）`,
  ])('%j', (name) => {
    expect(unitInName(name)).toBe(byPattern(name));
  });

  it('agrees on 20,000 random names of brackets, units and words', () => {
    let seed = 7;
    const next = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    for (let n = 0; n < 20_000; n += 1) {
      const length = 1 + Math.floor(next() * 12);
      const name = Array.from({ length }, () => PARTS[Math.floor(next() * PARTS.length)]).join('');
      expect(unitInName(name), name).toBe(byPattern(name));
    }
  });
});

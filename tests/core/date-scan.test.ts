import { describe, expect, it } from 'vitest';
import { findDate, looksLikeDeadline } from '../../src/core/parse/deadline.js';
import { seededRandom } from '../support/seeded-random.js';

// The regular expression and reading the date scan replaced (issue #9), kept here as their specification
const DATE = /(?:(\d{4})\s*年\s*)?(\d{1,2})\s*月(?:\s*(\d{1,2})\s*[日号])?/;
const DEADLINE_WORD =
  /前|之前|以前|底|完成|[≤≦<＜]|截止|截至|^\s*(?:\d{4}\s*年\s*)?\d{1,2}\s*月(?:\s*\d{1,2}\s*[日号])?\s*$|时间|期限/;

function byPattern(text: string, formYear: number) {
  const m = DATE.exec(text);
  if (!m) return null;
  const before = text.slice(0, m.index).trimEnd();
  if (before.endsWith('个')) return null;
  const month = Number(m[2]);
  if (month < 1 || month > 12) return null;
  const day = m[3] ? Number(m[3]) : null;
  if (day !== null && (day < 1 || day > 31)) return null;
  return { year: m[1] ? Number(m[1]) : formYear, month, day, yearAssumed: !m[1] };
}

const ALPHABET = Array.from('0121239 \u3000年月日号个底前≤-');

describe('findDate reads the date the DATE pattern matched', () => {
  it.each([
    '2022年12月底前',
    '≤12月',
    '12月底之前完成',
    '2023年10月',
    '完成时间为2022年12月30日',
    '2022年6月30号',
    '2022 年 6 月 30 日',
    '6个月',
    '6个 12月',
    '20221年3月',
    '123月',
    '13月',
    '2022年13月',
    '12月32日',
    '2022年',
    '2022年月',
    '12月3',
    '0月',
    '2022年12月底前完成，共6个月',
  ])('%j', (text) => {
    expect(findDate(text, 2021)).toEqual(byPattern(text, 2021));
    expect(looksLikeDeadline(text)).toBe(DATE.test(text) && DEADLINE_WORD.test(text));
  });

  it('agrees on 20,000 random texts of digits, spaces and date marks', () => {
    const next = seededRandom(13);
    for (let n = 0; n < 20_000; n += 1) {
      const length = 1 + Math.floor(next() * 14);
      const text = Array.from({ length }, () => ALPHABET[Math.floor(next() * ALPHABET.length)]).join('');
      expect(findDate(text, 2022), text).toEqual(byPattern(text, 2022));
      expect(looksLikeDeadline(text), text).toBe(DATE.test(text) && DEADLINE_WORD.test(text));
    }
  });
});

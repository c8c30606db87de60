import { describe, expect, it } from 'vitest';
import { scaleLevel } from '../../src/core/parse/qualitative.js';
import { findQuantities } from '../../src/core/parse/quantity.js';
import { hasSignMarkBefore, signEndingAt, signStartingAt } from '../../src/core/parse/sign.js';
import { skipSpaces, skipSpacesBack } from '../../src/core/parse/space.js';
import { seededRandom } from '../support/seeded-random.js';

// The readers that work at an index instead of on slices (issue #9), each against the slice-and-pattern
// code it replaced, kept here as its specification

const PREFIX_WORDS: [string, string][] = [
  ['大于或等于', 'ge'],
  ['小于或等于', 'le'],
  ['大于等于', 'ge'],
  ['小于等于', 'le'],
  ['不少于', 'ge'],
  ['不低于', 'ge'],
  ['不小于', 'ge'],
  ['不超过', 'le'],
  ['不高于', 'le'],
  ['不大于', 'le'],
  ['不多于', 'le'],
  ['控制在', 'le'],
  ['至少', 'ge'],
  ['达到', 'ge'],
  ['大于', 'gt'],
  ['超过', 'gt'],
  ['高于', 'gt'],
  ['小于', 'lt'],
  ['低于', 'lt'],
  ['等于', 'eq'],
  ['>=', 'ge'],
  ['＞=', 'ge'],
  ['＞＝', 'ge'],
  ['>＝', 'ge'],
  ['<=', 'le'],
  ['＜=', 'le'],
  ['＜＝', 'le'],
  ['<＝', 'le'],
  ['≥', 'ge'],
  ['≧', 'ge'],
  ['⩾', 'ge'],
  ['≤', 'le'],
  ['≦', 'le'],
  ['⩽', 'le'],
  ['>', 'gt'],
  ['＞', 'gt'],
  ['<', 'lt'],
  ['＜', 'lt'],
  ['=', 'eq'],
  ['═', 'eq'],
  ['﹦', 'eq'],
  ['＝', 'eq'],
];

/** The sign before a number as it was read: the slice's trimmed tail, longest token first. */
function signBeforeBySlice(text: string, end: number): string | null {
  const tail = text.slice(0, end).trimEnd();
  for (const [token, sign] of PREFIX_WORDS) if (tail.endsWith(token)) return sign;
  return null;
}

/** The sign after a number as it was read: two anchored patterns on the rest of the text. */
function signAfterBySlice(text: string, from: number): string | null {
  const after = text.slice(from);
  if (/^\s*(?:以上|及以上|或以上)/.test(after)) return 'ge';
  if (/^\s*(?:以下|以内|之内|及以下|内)/.test(after)) return 'le';
  return null;
}

const hasSignMarkBySlice = (text: string, end: number): boolean =>
  /[≥≧≤≦><＞＜⩾⩽]|不少于|不低于|不超过|以上|以内/.test(text.slice(0, end));

/** The first scale word in the order they are listed, as `includes` tried them one by one. */
const SCALE_WORDS =
  '较高 较低 中等 高 中 低 较好 较差 良好 优秀 一般 好 优 差 不显著 不明显 较显著 较明显 显著 明显 有所提升 有所提高';
function scaleWordBySearch(text: string): string | null {
  const t = text.trim();
  if (t.length > 12) return null;
  return SCALE_WORDS.split(' ').find((word) => t.includes(word)) ?? null;
}

function texts(alphabet: string, count: number, seed: number): string[] {
  const letters = Array.from(alphabet);
  const next = seededRandom(seed);
  return Array.from({ length: count }, () =>
    Array.from({ length: Math.floor(next() * 14) }, () => letters[Math.floor(next() * letters.length)]).join(''),
  );
}

describe('signs read at an index', () => {
  it.each([
    ['≥ 6个', 1, 'ge'],
    ['不少于12种', 3, 'ge'],
    ['大于或等于5', 5, 'ge'],
    ['小于等于 5', 5, 'le'],
    ['＜＝9', 2, 'le'],
    ['6个', 0, null],
    ['控制在 90万元', 4, 'le'],
  ] as const)('%j before %d is %s', (text, end, sign) => {
    expect(signEndingAt(text, end)).toBe(sign);
    expect(signBeforeBySlice(text, end)).toBe(sign);
  });

  it('agree with the slices on 4,000 random texts at every index', () => {
    for (const text of texts('≥≤<>＜＞=＝ 　不少于低超过大小等或以上下内及之控制在5个%', 4_000, 4)) {
      for (let at = 0; at <= text.length; at += 1) {
        expect(signEndingAt(text, at), `${text} @${at}`).toBe(signBeforeBySlice(text, at));
        expect(signStartingAt(text, at), `${text} @${at}`).toBe(signAfterBySlice(text, at));
        expect(hasSignMarkBefore(text, at), `${text} @${at}`).toBe(hasSignMarkBySlice(text, at));
      }
    }
  });
});

describe('spaces skipped at an index', () => {
  it('agree with trimStart and trimEnd of the slices on 1,000 random texts at every index', () => {
    for (const text of texts(' \t\n\u00a0\u3000\ufeff\u2028x≥5个', 1_000, 6)) {
      for (let from = 0; from <= text.length; from += 1) {
        for (const limit of [from, Math.min(text.length, from + 3), text.length]) {
          const slice = text.slice(from, limit);
          expect(skipSpaces(text, from, limit), `${JSON.stringify(text)} @${from}`).toBe(
            limit - slice.trimStart().length,
          );
          expect(skipSpacesBack(text, limit, from), `${JSON.stringify(text)} @${limit}`).toBe(
            from + slice.trimEnd().length,
          );
        }
      }
    }
  });
});

describe('numbers read from their digits', () => {
  it.each([
    ['20,500.000000万元', 20500],
    ['0.958', 0.958],
    ['为-3%', -3],
    ['（－5个', -5],
    ['0.1', 0.1],
    ['123456789012345.6', 123456789012345.6],
    // Longer than a double holds: read from the text, as Number reads it
    ['99999999999999999999.5', Number('99999999999999999999.5')],
    ['12345678901234567890123', Number('12345678901234567890123')],
  ])('%j reads %d', (text, value) => {
    expect(findQuantities(text)[0]?.value).toBe(value);
  });

  it('give what Number gives for the number text on 10,000 random numbers', () => {
    const next = seededRandom(5);
    for (let n = 0; n < 10_000; n += 1) {
      const digits = (k: number) => Array.from({ length: k }, () => Math.floor(next() * 10)).join('');
      const text = `${next() < 0.2 ? '-' : ''}${digits(1 + Math.floor(next() * 18))}.${digits(1 + Math.floor(next() * 20))}`;
      expect(findQuantities(text)[0]?.value, text).toBe(Number(text));
    }
  });
});

describe('scale words found from the text’s characters', () => {
  it('find the first listed word the text holds, on 20,000 random texts', () => {
    for (const text of texts('较高低中等好差良优秀一般不显著明有所提升 x', 20_000, 6)) {
      expect(scaleLevel(text)?.word ?? null, text).toBe(scaleWordBySearch(text));
    }
  });
});

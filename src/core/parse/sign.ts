/**
 * Comparison signs in all the forms real 指标值 use (scoring-rules.md §4, §9.7).
 */
import { skipSpaces, skipSpacesBack } from './space.js';

export type Sign = 'ge' | 'gt' | 'le' | 'lt' | 'eq';

/** Prefix tokens, longest first so ">=" wins over ">". */
const PREFIX: [string, Sign][] = (
  [
    ['大于等于', 'ge'],
    ['大于或等于', 'ge'],
    ['不少于', 'ge'],
    ['不低于', 'ge'],
    ['不小于', 'ge'],
    ['至少', 'ge'],
    ['达到', 'ge'],
    ['>=', 'ge'],
    ['＞=', 'ge'],
    ['＞＝', 'ge'],
    ['>＝', 'ge'],
    ['≥', 'ge'],
    ['≧', 'ge'],
    ['⩾', 'ge'],
    ['小于等于', 'le'],
    ['小于或等于', 'le'],
    ['不超过', 'le'],
    ['不高于', 'le'],
    ['不大于', 'le'],
    ['不多于', 'le'],
    ['控制在', 'le'],
    ['<=', 'le'],
    ['＜=', 'le'],
    ['＜＝', 'le'],
    ['<＝', 'le'],
    ['≤', 'le'],
    ['≦', 'le'],
    ['⩽', 'le'],
    ['大于', 'gt'],
    ['超过', 'gt'],
    ['高于', 'gt'],
    ['>', 'gt'],
    ['＞', 'gt'],
    ['小于', 'lt'],
    ['低于', 'lt'],
    ['<', 'lt'],
    ['＜', 'lt'],
    ['等于', 'eq'],
    ['=', 'eq'],
    ['═', 'eq'],
    ['﹦', 'eq'],
    ['＝', 'eq'],
  ] as [string, Sign][]
).sort((a, b) => b[0].length - a[0].length);

/** Suffix words: "100%以上", "5天以内", "控制在90万元内", ≥ words tried first. */
const SUFFIX: [string, Sign][] = [
  ['以上', 'ge'],
  ['及以上', 'ge'],
  ['或以上', 'ge'],
  ['以下', 'le'],
  ['以内', 'le'],
  ['之内', 'le'],
  ['及以下', 'le'],
  ['内', 'le'],
];

/** The prefix tokens by the code of their last character, longest first: a lookup tries a few, not all of them. */
const PREFIX_BY_LAST = new Map<number, [string, Sign][]>();
for (const entry of PREFIX) {
  const last = entry[0].charCodeAt(entry[0].length - 1);
  PREFIX_BY_LAST.set(last, [...(PREFIX_BY_LAST.get(last) ?? []), entry]);
}

const NO_PREFIXES: readonly [string, Sign][] = [];

/**
 * The sign written in `text` just before `end` (spaces between allowed), if any: read in place,
 * without a slice or a trimmed copy (issue #9).
 */
export function signEndingAt(text: string, end: number): Sign | null {
  const e = skipSpacesBack(text, end, 0);
  // By code: no one-character string made for the lookup (issue #9)
  for (const [token, sign] of PREFIX_BY_LAST.get(text.charCodeAt(e - 1)) ?? NO_PREFIXES) {
    if (e >= token.length && text.startsWith(token, e - token.length)) return sign;
  }
  return null;
}

/** The suffix word written in `text` after `from` (spaces first), if any: read in place, without a slice. */
export function signStartingAt(text: string, from: number): Sign | null {
  const at = skipSpaces(text, from, text.length);
  // Most unsigned targets end on their unit ("1次"): no word to try
  if (at === text.length) return null;
  for (const [word, sign] of SUFFIX) if (text.startsWith(word, at)) return sign;
  return null;
}

/** The comparison sign characters and words an actual copied from its target may hold. */
const MARK_CHARS = new Set(Array.from('≥≧≤≦><＞＜⩾⩽', (c) => c.charCodeAt(0)));
const MARK_WORDS = ['不少于', '不低于', '不超过', '以上', '以内'];
/** The first characters of MARK_WORDS: a character that is none of them starts no mark word. */
const MARK_FIRST = new Set(MARK_WORDS.map((word) => word.charCodeAt(0)));

/** True when a comparison sign character or word stands wholly before `end` (an actual copied from its target). */
export function hasSignMarkBefore(text: string, end: number): boolean {
  for (let i = 0; i < end; i += 1) {
    const c = text.charCodeAt(i);
    if (MARK_CHARS.has(c)) return true;
    if (!MARK_FIRST.has(c)) continue;
    for (const word of MARK_WORDS) if (i + word.length <= end && text.startsWith(word, i)) return true;
  }
  return false;
}

/** ≥ for people: how a sign is printed in explanations. */
export const SIGN_TEXT: Record<Sign, string> = { ge: '≥', gt: '>', le: '≤', lt: '<', eq: '=' };

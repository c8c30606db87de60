/**
 * Comparison signs in all the forms real 指标值 use (scoring-rules.md §4, §9.7).
 */
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

/** Suffix words: "100%以上", "5天以内", "控制在90万元内". */
const SUFFIX: [RegExp, Sign][] = [
  [/^\s*(?:以上|及以上|或以上)/, 'ge'],
  [/^\s*(?:以下|以内|之内|及以下|内)/, 'le'],
];

/** The prefix tokens by the code of their last character, longest first: a lookup tries a few, not all of them. */
const PREFIX_BY_LAST = new Map<number, [string, Sign][]>();
for (const entry of PREFIX) {
  const last = entry[0].charCodeAt(entry[0].length - 1);
  PREFIX_BY_LAST.set(last, [...(PREFIX_BY_LAST.get(last) ?? []), entry]);
}

/** The sign written just before a number (within `before`, its tail), if any. */
export function signBefore(before: string): Sign | null {
  const tail = before.trimEnd();
  // By code: no one-character string made for the lookup (issue #9)
  for (const [token, sign] of PREFIX_BY_LAST.get(tail.charCodeAt(tail.length - 1)) ?? []) {
    if (tail.endsWith(token)) return sign;
  }
  return null;
}

/** The sign written just after a number and its unit (within `after`, its head), if any. */
export function signAfter(after: string): Sign | null {
  for (const [pattern, sign] of SUFFIX) if (pattern.test(after)) return sign;
  return null;
}

/** True when the text contains any comparison sign character (an actual copied from its target). */
export function hasSignMark(text: string): boolean {
  return /[≥≧≤≦><＞＜⩾⩽]|不少于|不低于|不超过|以上|以内/.test(text);
}

/** ≥ for people: how a sign is printed in explanations. */
export const SIGN_TEXT: Record<Sign, string> = { ge: '≥', gt: '>', le: '≤', lt: '<', eq: '=' };

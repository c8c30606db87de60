/**
 * Character codes the parsers test by code instead of by a regular expression (issue #9): ASCII
 * digits and the marks of a written date (2022年12月30日, 30号).
 */

/** True for an ASCII digit code (what `\d` matches). */
export const isDigit = (c: number): boolean => c >= 0x30 && c <= 0x39;

/** The codes of 年, 月, 日 and 号: the parts of a date (scoring-rules.md §9.13). */
export const [YEAR, MONTH, DAY, DAY_NO] = Array.from('年月日号', (c) => c.charCodeAt(0)) as [
  number,
  number,
  number,
  number,
];

/**
 * Deadlines and completion dates in 时效指标 (scoring-rules.md §3.7, §9.12–9.13):
 * "2022年12月底前", "≤12月", "12月底之前完成", "2023年10月", "完成时间为2022年12月30日".
 */
import { skipSpaces, skipSpacesBack } from './space.js';
import { DAY, DAY_NO, isDigit, MONTH, YEAR } from './char-codes.js';

export interface MonthDate {
  year: number;
  month: number;
  /** null when only the month is written: read as the end of that month. */
  day: number | null;
  /** The year was not written and the form's year was taken (§9.13). */
  yearAssumed: boolean;
}

const GE = '个'.charCodeAt(0);
/** The code of the last character before `end` that is not a space (-1 if none): no slice, no pattern. */
function lastWordChar(text: string, end: number): number {
  const after = skipSpacesBack(text, end, 0);
  return after > 0 ? text.charCodeAt(after - 1) : -1;
}

/** How many digits (0, 1 or 2) stand at `at`, read as `\d{1,2}` reads them. */
const digits2 = (text: string, at: number): number =>
  isDigit(text.charCodeAt(at)) ? (isDigit(text.charCodeAt(at + 1)) ? 2 : 1) : 0;

/** The value of the `count` digits at `at`. */
function digitsValue(text: string, at: number, count: number): number {
  let value = 0;
  for (let i = at; i < at + count; i += 1) value = value * 10 + (text.charCodeAt(i) - 0x30);
  return value;
}

/**
 * The date written at `at`, as `(?:(\d{4})\s*年\s*)?(\d{1,2})\s*月(?:\s*(\d{1,2})\s*[日号])?` matches
 * there (the pattern this scan replaced, kept in tests/core/date-scan.test.ts), with its year, month
 * and day as written (-1: not written), or null. No match array, no digit strings (issue #9).
 */
function dateAt(text: string, at: number): [year: number, month: number, day: number] | null {
  let year = -1;
  let m = at;
  // The year part is taken when a month's digits follow it (else the pattern backtracks to no year)
  if (digits2(text, at) === 2 && digits2(text, at + 2) === 2) {
    const mark = skipSpaces(text, at + 4, text.length);
    if (text.charCodeAt(mark) === YEAR && digits2(text, skipSpaces(text, mark + 1, text.length)) > 0) {
      year = digitsValue(text, at, 4);
      m = skipSpaces(text, mark + 1, text.length);
    }
  }
  const md = digits2(text, m);
  const monthMark = md > 0 ? skipSpaces(text, m + md, text.length) : -1;
  // Without the year part the month would start at the year's digits, where no 月 can follow two digits
  if (monthMark < 0 || text.charCodeAt(monthMark) !== MONTH) return null;
  const d = skipSpaces(text, monthMark + 1, text.length);
  const dd = digits2(text, d);
  const dayMark = dd > 0 ? skipSpaces(text, d + dd, text.length) : -1;
  const dayCode = dayMark < 0 ? -1 : text.charCodeAt(dayMark);
  const day = dayCode === DAY || dayCode === DAY_NO ? digitsValue(text, d, dd) : -1;
  return [year, digitsValue(text, m, md), day];
}

/** The first date in `text`, its year defaulting to the evaluation year. */
export function findDate(text: string, formYear: number): MonthDate | null {
  for (let at = 0; at < text.length; at += 1) {
    if (!isDigit(text.charCodeAt(at))) continue;
    const found = dateAt(text, at);
    if (!found) continue;
    if (lastWordChar(text, at) === GE) return null; // "6个月" is a duration
    const [year, month, day] = found;
    if (month < 1 || month > 12) return null;
    if (day !== -1 && (day < 1 || day > 31)) return null;
    return { year: year >= 0 ? year : formYear, month, day: day >= 0 ? day : null, yearAssumed: year < 0 };
  }
  return null;
}

/** A comparable number: a month-only date counts as the last day of its month. */
export function dateKey(d: MonthDate): number {
  return d.year * 10000 + d.month * 100 + (d.day ?? 31);
}

/** 2022年12月30日 / 2022年12月 for explanations. */
export function formatDate(d: MonthDate): string {
  return `${d.year}年${d.month}月${d.day ? `${d.day}日` : ''}`;
}

/** A word or sign that makes a date a deadline ("前", "底", "≤", "期限"), or a cell that is only a date. */
const DEADLINE_WORD =
  /前|之前|以前|底|完成|[≤≦<＜]|截止|截至|^\s*(?:\d{4}\s*年\s*)?\d{1,2}\s*月(?:\s*\d{1,2}\s*[日号])?\s*$|时间|期限/;

/** True when a target reads as a deadline rather than a quantity. */
export function looksLikeDeadline(text: string): boolean {
  return hasDate(text) && hasDeadlineWord(text);
}

/** True when a date is written anywhere in `text` (valid or not: "13月" is one). */
function hasDate(text: string): boolean {
  for (let at = 0; at < text.length; at += 1) if (isDigit(text.charCodeAt(at)) && dateAt(text, at)) return true;
  return false;
}

/** True when the text has what makes a date in it a deadline (`looksLikeDeadline` once a date is found). */
export function hasDeadlineWord(text: string): boolean {
  return DEADLINE_WORD.test(text);
}

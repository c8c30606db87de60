/**
 * Deadlines and completion dates in 时效指标 (scoring-rules.md §3.7, §9.12–9.13):
 * "2022年12月底前", "≤12月", "12月底之前完成", "2023年10月", "完成时间为2022年12月30日".
 */
import { skipSpacesBack } from './space.js';

export interface MonthDate {
  year: number;
  month: number;
  /** null when only the month is written: read as the end of that month. */
  day: number | null;
  /** The year was not written and the form's year was taken (§9.13). */
  yearAssumed: boolean;
}

const DATE = /(?:(\d{4})\s*年\s*)?(\d{1,2})\s*月(?:\s*(\d{1,2})\s*[日号])?/;

const GE = '个'.charCodeAt(0);

/** The code of the last character before `end` that is not a space (-1 if none): no slice, no pattern. */
function lastWordChar(text: string, end: number): number {
  const after = skipSpacesBack(text, end, 0);
  return after > 0 ? text.charCodeAt(after - 1) : -1;
}

/** The first date in `text`, its year defaulting to the evaluation year. */
export function findDate(text: string, formYear: number): MonthDate | null {
  const m = DATE.exec(text);
  if (!m) return null;
  if (lastWordChar(text, m.index) === GE) return null; // "6个月" is a duration
  const month = Number(m[2]);
  if (month < 1 || month > 12) return null;
  const day = m[3] ? Number(m[3]) : null;
  if (day !== null && (day < 1 || day > 31)) return null;
  return { year: m[1] ? Number(m[1]) : formYear, month, day, yearAssumed: !m[1] };
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
  return DATE.test(text) && hasDeadlineWord(text);
}

/** True when the text has what makes a date in it a deadline (`looksLikeDeadline` once a date is found). */
export function hasDeadlineWord(text: string): boolean {
  return DEADLINE_WORD.test(text);
}

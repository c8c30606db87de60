/**
 * Reads a 年度指标值 as written ("≥6个", "不少于12种", "≤12月", "高中低", "—") into what the
 * scorer compares against (scoring-rules.md §4, §9).
 */
import { findDate, looksLikeDeadline, type MonthDate } from './deadline.js';
import { isBlank, isPlaceholder } from './placeholder.js';
import { gradeWord, isScaleList, scaleLevel, type ScaleLevel } from './qualitative.js';
import { findQuantities, type Quantity } from './quantity.js';
import { signAfter, signBefore, type Sign } from './sign.js';

export type ParsedTarget =
  | { kind: 'number'; sign: Sign; signAssumed: boolean; quantity: Quantity }
  | { kind: 'range'; low: Quantity; high: Quantity }
  | { kind: 'deadline'; date: MonthDate }
  | { kind: 'level'; level: ScaleLevel }
  | { kind: 'scale-list'; text: string }
  | { kind: 'text'; text: string }
  | { kind: 'placeholder' }
  | { kind: 'empty' };

export interface ParseContext {
  /** The form's 年度, for deadlines without a year. */
  year: number;
  /** 二级指标, e.g. 时效指标 makes "12月" a deadline. */
  level2?: string | null;
  /** How a number without a sign is read (profile quant.unsignedAs). */
  unsignedAs: Sign;
}

// Digit runs bounded and started only at a run's first digit: `\d+` here was quadratic on long runs (issue #8)
const RANGE = /(?<![\d.])\d{1,20}(?:\.\d{1,20})?\s*(?:[%％]\s*)?(?:-|~|～|—|－|至|到)\s*\d{1,20}/;

/** Parses one 年度指标值 cell. Never throws; what it cannot read comes back as `text`. */
export function parseTarget(raw: string | null | undefined, ctx: ParseContext): ParsedTarget {
  if (raw == null || raw.trim() === '') return { kind: 'empty' };
  const text = raw.trim();
  if (isPlaceholder(text)) return { kind: 'placeholder' };

  if (looksLikeDeadline(text) || (/时效/.test(ctx.level2 ?? '') && findDate(text, ctx.year))) {
    const date = findDate(text, ctx.year);
    if (date) return { kind: 'deadline', date };
  }

  const range = RANGE.exec(text);
  if (range && !/^\s*[≥≧≤≦<>＜＞=]/.test(text)) {
    const quantities = findQuantities(text);
    const [low, high] = [quantities[0], quantities[1]];
    if (low && high && low.value < high.value) {
      const unit = low.unit ?? high.unit;
      return { kind: 'range', low: { ...low, unit }, high: { ...high, unit } };
    }
  }

  const quantities = findQuantities(text);
  const first = quantities[0];
  if (first) {
    const before = text.slice(0, first.start);
    const after = text.slice(first.end);
    // "每亩300": a per-unit standard is an equality (scoring-rules.md §9.9)
    const perUnit = /^每/.test(text);
    const sign = perUnit ? 'eq' : (signBefore(before) ?? signAfter(after));
    return {
      kind: 'number',
      sign: sign ?? ctx.unsignedAs,
      signAssumed: sign === null,
      quantity: first,
    };
  }

  if (isScaleList(text)) return { kind: 'scale-list', text };
  const level = scaleLevel(text);
  if (level) return { kind: 'level', level };
  if (gradeWord(text)) return { kind: 'text', text };
  return isBlank(text) ? { kind: 'empty' } : { kind: 'text', text };
}

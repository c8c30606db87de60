/**
 * Reads a 年度指标值 as written ("≥6个", "不少于12种", "≤12月", "高中低", "—") into what the
 * scorer compares against (scoring-rules.md §4, §9).
 */
import { findDate, hasDeadlineWord, type MonthDate } from './deadline.js';
import { isBlank, isPlaceholder } from './placeholder.js';
import { gradeWord, isScaleList, scaleLevel, type ScaleLevel } from './qualitative.js';
import { findQuantities, type Quantity } from './quantity.js';
import { type Sign, signEndingAt, signStartingAt } from './sign.js';

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
  return readTarget(raw, ctx.year, ctx.level2, ctx.unsignedAs, null);
}

/** Where `readTarget` leaves the quantities it found (a row's cells). */
export interface TargetQuantities {
  targetQuantities: readonly Quantity[] | null;
}

/**
 * `parseTarget` with the context's parts as arguments (no context object per row, issue #9), leaving
 * the quantities of the trimmed text in `into` when the reading found them (null when it stopped
 * before: blank, placeholder or deadline), so a check of the same cell need not find them again.
 */
export function readTarget(
  raw: string | null | undefined,
  year: number,
  level2: string | null | undefined,
  unsignedAs: Sign,
  into: TargetQuantities | null,
): ParsedTarget {
  const text = raw == null ? '' : raw.trim();
  if (text === '') return { kind: 'empty' };
  if (isPlaceholder(text)) return { kind: 'placeholder' };
  const date = deadlineOf(text, year, level2);
  if (date) return { kind: 'deadline', date };
  // Read once: the range and the number below both start from the text's quantities
  const quantities = findQuantities(text);
  if (into) into.targetQuantities = quantities;
  return rangeOf(text, quantities) ?? otherTarget(text, quantities, unsignedAs);
}

/** A target that is no range: a number, a scale list, a level, or text. */
function otherTarget(text: string, quantities: readonly Quantity[], unsignedAs: Sign): ParsedTarget {
  const first = quantities[0];
  if (first) return numberTarget(text, first, unsignedAs);
  if (isScaleList(text)) return { kind: 'scale-list', text };
  const level = scaleLevel(text);
  if (level) return { kind: 'level', level };
  if (gradeWord(text)) return { kind: 'text', text };
  return isBlank(text) ? { kind: 'empty' } : { kind: 'text', text };
}

/** The deadline a target names ("2022年12月底前", or any date under 时效指标), or null. */
function deadlineOf(text: string, year: number, level2: string | null | undefined): MonthDate | null {
  // Every date has a 月, so a text without one is no deadline (and no regular expression need run)
  if (!text.includes('月')) return null;
  // looksLikeDeadline(text) or 时效指标, with the date found once
  const date = findDate(text, year);
  return date && (hasDeadlineWord(text) || (level2 ?? '').includes('时效')) ? date : null;
}

/** "90%-95%", "100至200万元": a range when the text has one and its first two numbers rise. */
function rangeOf(text: string, quantities: readonly Quantity[]): ParsedTarget | null {
  // Two rising numbers first: most targets have one, and then no pattern need run
  const low = quantities[0];
  const high = quantities[1];
  if (!low || !high || low.value >= high.value) return null;
  if (!RANGE.test(text) || /^\s*[≥≧≤≦<>＜＞=]/.test(text)) return null;
  const unit = low.unit ?? high.unit;
  return { kind: 'range', low: low.with(low.value, unit), high: high.with(high.value, unit) };
}

/** A number target: its sign written before or after it, else the profile's (§9.7). */
function numberTarget(text: string, first: Quantity, unsignedAs: Sign): ParsedTarget {
  // "每亩300": a per-unit standard is an equality (scoring-rules.md §9.9)
  const perUnit = text.startsWith('每');
  const sign = perUnit ? 'eq' : (signEndingAt(text, first.start) ?? signStartingAt(text, first.end));
  return { kind: 'number', sign: sign ?? unsignedAs, signAssumed: sign === null, quantity: first };
}

/**
 * Numbers in Chinese prose for the drafters: the quantities a text writes (read by core's
 * quantity reader, src/core/narrative) in the shape the drafters use, and number formatting.
 */
import { Big } from '../core/decimal.js';
import { readQuantities } from '../core/narrative/quantities.js';
import { unitNamed } from '../core/parse/units.js';

export { parseChineseNumeral } from '../core/narrative/numerals.js';
export { PLACEHOLDER, hasPlaceholder } from '../core/narrative/placeholders.js';
export { formatNumber, countChars, indexAfterChars } from '../core/narrative/format.js';
import { formatNumber } from '../core/narrative/format.js';

/** How a number is compared: scores must match exactly, money converts between 元 and 万元. */
export type NumberKind = 'score' | 'percent' | 'money' | 'other';

export interface FoundNumber {
  /** As written, with the unit: `296台`, `48%`. */
  text: string;
  value: number;
  /** Decimal places as written (rounding tolerance when compared). */
  decimals: number;
  unit: string | null;
  kind: NumberKind;
  span: [number, number];
}

/** The kind of a unit family in core's one unit table (parse/units.ts). */
function kindOfFamily(family: string | undefined, label: string | undefined): NumberKind {
  if (family === 'score') return 'score';
  if (family === 'percent' && label !== '成' && label !== '‰') return 'percent';
  if (family === 'money') return 'money';
  return 'other';
}

/** Every quantity `text` writes (core's reader), placeholders, list markers and ordinals skipped. */
export function findNumbers(text: string): FoundNumber[] {
  // what each figure claims (claims.ts) is not part of a FoundNumber: not read
  return readQuantities(text, { claims: false }).map((q) => ({
    text: q.text,
    value: q.value,
    decimals: q.decimals,
    span: q.span,
    unit: q.unit?.label === '％' ? '%' : (q.unit?.label ?? null),
    kind: kindOfFamily(q.unit?.family, q.unit?.label),
  }));
}

/** The first number in a cell like `≥200台`, `2022年12月底前`, `100%`; null if none. */
export function firstQuantity(text: string | null | undefined): FoundNumber | null {
  if (!text) return null;
  return findNumbers(text)[0] ?? null;
}

/** The kind of a unit label. */
export function kindOfUnit(unit: string | null): NumberKind {
  return unit ? kindOfFamily(unitNamed(unit)?.family, unit) : 'other';
}

/** A fraction as a percentage: 0.48 → "48%", 1 → "100%". */
export function formatPercent(fraction: number, decimals = 2): string {
  return `${formatNumber(fraction * 100, decimals)}%`;
}

/** A score with two decimals where needed: 1.5 → "1.5", 87.5 → "87.5", 10 → "10". */
export function formatScore(value: number): string {
  return formatNumber(value, 2);
}

/** True when `written` (with `decimals` places) is `exact` rounded half-up, or equal to it. */
export function sameNumber(written: number, decimals: number, exact: number, allowRounding: boolean): boolean {
  if (Math.abs(written - exact) < 1e-9) return true;
  if (!allowRounding) return false;
  const step = 10 ** -decimals;
  if (Math.abs(written - exact) > step) return false;
  return new Big(exact).round(decimals, Big.roundHalfUp).eq(new Big(written));
}

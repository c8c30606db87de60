/**
 * When a written quantity equals a known figure (issue #13). Units must be of one family and are
 * converted (万元/亿元/元, %/百分之/成, 人/名/位); a unitless number in a text vouches only for a
 * unitless one. Rounding tolerance: the known figure rounded half-up to the decimals written
 * (148% for 1.48, 33.33% or 33% for 1/3, 89.97万元 for 89.974); scores must be exact; 成 rounds
 * to tens of percent (三成 = 25%–35%); 约/左右 allows ±10%; 近X means 0.8X–X; X余/多/逾X means
 * X up to the next step of X's leading digit (三十余 = 30–39, 逾千 = 1000–1999); 过半 is 50%–100%.
 */
import { Big } from '../../decimal.js';
import type { NarrativeQuantity } from '../../narrative/quantities.js';
import type { Unit } from '../../parse/units.js';
import type { Known } from './knowns.js';

const CALENDAR = new Set(['calendar-year', 'month-of-year', 'day-of-month']);
const NOT_FROM_BARE = new Set(['calendar-year', 'month-of-year', 'day-of-month', 'score', 'money']);

/** True for a calendar unit (a year, a month, a day of the month): a date, never compared with other units. */
export function isCalendar(unit: Unit | null): boolean {
  return unit !== null && CALENDAR.has(unit.family);
}

/** True when the units allow comparing: same family, or a bare row fact for a measure. */
export function unitsAgree(q: Unit | null, k: Known): boolean {
  if (q && k.unit) return q.family === k.unit.family;
  if (q && !k.unit) return k.origin === 'fact' && !NOT_FROM_BARE.has(q.family);
  if (!q && k.unit) return k.unit.family !== 'score';
  return true;
}

function rounded(exact: number, decimals: number): number {
  return Number(new Big(exact).round(Math.min(decimals, 10), Big.roundHalfUp).toString());
}

/** The upper end of `X余`: 30 → 40, 1000 → 2000, 5 → 6; 过半 (50%) → 100. */
function overStep(value: number, q: NarrativeQuantity): number {
  if (q.numeral === 'word' && q.unit?.family === 'percent') return 100;
  return value + 10 ** Math.floor(Math.log10(Math.max(value, 1)));
}

/** True when the known value, in the written unit's scale, reads as `q`. */
export function valueAgrees(q: NarrativeQuantity, exact: number): boolean {
  const v = q.value;
  if (Math.abs(v - exact) < 1e-9) return true;
  if (q.unit?.family === 'score') return false;
  if (q.approx === 'near') return exact <= v + 1e-9 && exact >= v * 0.8 - 1e-9;
  if (q.approx === 'over') return exact >= v - 1e-9 && exact < overStep(v, q);
  if (q.approx === 'about') return Math.abs(exact - v) <= Math.max(Math.abs(v) * 0.1, 0.5 * 10 ** -q.decimals);
  if (q.unit?.label === '成') return Math.abs(exact - v) <= 0.5 + 1e-9;
  if (Math.abs(v - exact) > 10 ** -q.decimals) return false;
  return rounded(exact, q.decimals) === v;
}

/** True when `k` vouches for `q`. */
export function agrees(q: NarrativeQuantity, k: Known): boolean {
  if (!unitsAgree(q.unit, k)) return false;
  const sameFamily = q.unit && k.unit;
  const exact = sameFamily ? (k.value * k.unit!.factor) / q.unit!.factor : k.value;
  return valueAgrees(q, exact);
}

/** True when `k` has q's value but not its unit or role (20人 for 20万元; a 1.5分 score for 1.5万人次). */
export function sameValueOtherUnit(q: NarrativeQuantity, k: Known): boolean {
  if (unitsAgree(q.unit, k) || isCalendar(q.unit) || isCalendar(k.unit)) return false;
  return Math.abs(q.value - k.value) < 1e-9;
}

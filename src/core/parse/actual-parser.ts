/**
 * Reads a 实际完成值 against its parsed target: picks the number whose unit matches
 * ("…应用创新1项…100名患者" for "1项"), converts units, strips repeated signs ("≥266米"),
 * and reads dates and grade words (scoring-rules.md §9.5–9.14).
 */
import { findDate, type MonthDate } from './deadline.js';
import { isPlaceholder } from './placeholder.js';
import { gradeWord, scaleLevel, type ScaleLevel } from './qualitative.js';
import { findQuantities, type Quantity } from './quantity.js';
import { hasSignMarkBefore } from './sign.js';
import type { ParsedTarget } from './target-parser.js';
import type { Grade } from '../schema/form.js';
import type { Unit } from './units.js';

export type ParsedActual =
  | {
      kind: 'number';
      quantity: Quantity;
      /** The actual repeats a comparison sign: copied from the target (中江 "≥266米"). */
      signRepeated: boolean;
      /** No unit was written; the target's unit was taken. */
      unitAssumed: boolean;
      /** A rate written as a fraction (0.958 for 95.8%), read as a percent. */
      fractionAsPercent: boolean;
      /** The number was picked out of a longer text. */
      picked: boolean;
    }
  | { kind: 'date'; date: MonthDate }
  | { kind: 'grade'; grade: Grade; word: string }
  | { kind: 'level'; level: ScaleLevel }
  | { kind: 'unit-conflict'; quantity: Quantity; expected: Unit }
  | { kind: 'ambiguous'; reason: string }
  | { kind: 'text'; text: string }
  | { kind: 'placeholder' }
  | { kind: 'empty' };

function targetUnit(target: ParsedTarget): Unit | null {
  if (target.kind === 'number') return target.quantity.unit;
  if (target.kind === 'range') return target.low.unit;
  return null;
}

function targetValue(target: ParsedTarget): number | null {
  if (target.kind === 'number') return target.quantity.value;
  if (target.kind === 'range') return target.high.value;
  return null;
}

/** Parses one 实际完成值 cell in the light of its target. Never throws. */
export function parseActual(raw: string | null | undefined, target: ParsedTarget, year: number): ParsedActual {
  const text = raw == null ? '' : raw.trim();
  if (text === '') return { kind: 'empty' };
  if (isPlaceholder(text)) return { kind: 'placeholder' };

  if (target.kind === 'deadline') {
    const date = findDate(text, year);
    if (date) return { kind: 'date', date };
  }
  // Long descriptive actuals of qualitative rows hold many numbers; read them only when compared
  if (target.kind === 'number' || target.kind === 'range') {
    const quantities = findQuantities(text);
    if (quantities.length > 0) return numberActual(text, target, quantities);
  }
  const grade = gradeWord(text);
  const level = scaleLevel(text);
  if (level && (target.kind === 'level' || !grade)) return { kind: 'level', level };
  if (grade) return { kind: 'grade', grade, word: text };
  return { kind: 'text', text };
}

/** The one quantity of the actual compared with a number target: its unit's, else the only one. */
function chosenQuantity(text: string, wanted: Unit | null, quantities: readonly Quantity[]): Quantity | ParsedActual {
  // Loops, not find/filter: no closure or array for the one quantity most actuals hold (issue #9)
  if (wanted) for (const q of quantities) if (q.unit?.family === wanted.family) return q;
  if (quantities.length === 1) return quantities[0]!;
  const unitless = onlyUnitless(quantities);
  if (unitless && text.length <= 20) return unitless;
  return {
    kind: 'ambiguous',
    reason: `实际完成值中有${quantities.length}个数字（${quantities.map((q) => q.raw).join('、')}），无法确定与指标值对应的一个`,
  };
}

/** The one quantity without a unit, or null when there are none or several. */
function onlyUnitless(quantities: readonly Quantity[]): Quantity | null {
  let found: Quantity | null = null;
  for (const q of quantities) {
    if (q.unit !== null) continue;
    if (found) return null;
    found = q;
  }
  return found;
}

/** A number actual for a number or range target (scoring-rules.md §9.5–9.11). */
function numberActual(text: string, target: ParsedTarget, quantities: readonly Quantity[]): ParsedActual {
  const wanted = targetUnit(target);
  const signRepeated = hasSignMarkBefore(text, quantities[0]!.start + 1);
  const picked = quantities.length > 1;
  const q = chosenQuantity(text, wanted, quantities);
  if ('kind' in q) return q;
  if (q.unit && wanted && q.unit.family !== wanted.family) {
    return { kind: 'unit-conflict', quantity: q, expected: wanted };
  }
  if (!q.unit && wanted) {
    // "0.958" for a percent target is a rate written as a fraction (裕安 forms/06)
    const goal = targetValue(target) ?? 0;
    const fraction = wanted.family === 'percent' && q.value <= 1.5 && goal > 1.5 && !Number.isInteger(q.value);
    const value = fraction ? Number((q.value * 100).toFixed(6)) : q.value;
    const quantity = q.with(value, wanted);
    return { kind: 'number', quantity, signRepeated, unitAssumed: true, fractionAsPercent: fraction, picked };
  }
  return { kind: 'number', quantity: q, signRepeated, unitAssumed: false, fractionAsPercent: false, picked };
}

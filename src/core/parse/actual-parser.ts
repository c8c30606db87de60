/**
 * Reads a 实际完成值 against its parsed target: picks the number whose unit matches
 * ("…应用创新1项…100名患者" for "1项"), converts units, strips repeated signs ("≥266米"),
 * and reads dates and grade words (scoring-rules.md §9.5–9.14).
 */
import { findDate, type MonthDate } from './deadline.js';
import { isPlaceholder } from './placeholder.js';
import { gradeWord, scaleLevel, type ScaleLevel } from './qualitative.js';
import { findQuantities, type Quantity } from './quantity.js';
import { hasSignMark } from './sign.js';
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
  if (raw == null || raw.trim() === '') return { kind: 'empty' };
  const text = raw.trim();
  if (isPlaceholder(text)) return { kind: 'placeholder' };

  if (target.kind === 'deadline') {
    const date = findDate(text, year);
    if (date) return { kind: 'date', date };
  }

  const wanted = targetUnit(target);
  const numericTarget = target.kind === 'number' || target.kind === 'range';
  // Long descriptive actuals of qualitative rows hold many numbers; read them only when compared
  const quantities = numericTarget ? findQuantities(text) : [];

  if (numericTarget && quantities.length > 0) {
    const signRepeated = hasSignMark(text.slice(0, quantities[0]!.start + 1));
    const sameFamily = wanted ? quantities.filter((q) => q.unit?.family === wanted.family) : [];
    let chosen: Quantity | undefined = sameFamily[0];
    const picked = quantities.length > 1;
    if (!chosen) {
      const unitless = quantities.filter((q) => q.unit === null);
      if (quantities.length === 1) chosen = quantities[0];
      else if (unitless.length === 1 && text.length <= 20) chosen = unitless[0];
      else {
        return {
          kind: 'ambiguous',
          reason: `实际完成值中有${quantities.length}个数字（${quantities.map((q) => q.raw).join('、')}），无法确定与指标值对应的一个`,
        };
      }
    }
    const q = chosen!;
    if (q.unit && wanted && q.unit.family !== wanted.family) {
      return { kind: 'unit-conflict', quantity: q, expected: wanted };
    }
    if (!q.unit && wanted) {
      // "0.958" for a percent target is a rate written as a fraction (裕安 forms/06)
      const goal = targetValue(target) ?? 0;
      const fraction = wanted.family === 'percent' && q.value <= 1.5 && goal > 1.5 && !Number.isInteger(q.value);
      const value = fraction ? Number((q.value * 100).toFixed(6)) : q.value;
      return {
        kind: 'number',
        quantity: { ...q, value, unit: wanted },
        signRepeated,
        unitAssumed: true,
        fractionAsPercent: fraction,
        picked,
      };
    }
    return { kind: 'number', quantity: q, signRepeated, unitAssumed: false, fractionAsPercent: false, picked };
  }

  const grade = gradeWord(text);
  const level = scaleLevel(text);
  if (level && (target.kind === 'level' || !grade)) return { kind: 'level', level };
  if (grade) return { kind: 'grade', grade, word: text };
  return { kind: 'text', text };
}

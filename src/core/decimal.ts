/**
 * Decimal arithmetic for scores. JS floats give 9034/20000×10 = 4.516999…; the rules round
 * half-up on decimal values (scoring-rules.md §3.11, engineering-notes "Other traps").
 */
import Big from 'big.js';
import { ZipingError } from './errors.js';

export { Big };
export type Decimal = Big;

export type RoundingMode = 'half-up' | 'truncate' | 'floor';

const MODES: Record<RoundingMode, Big.RoundingMode> = {
  'half-up': Big.roundHalfUp,
  truncate: Big.roundDown,
  floor: Big.roundDown, // scores are never negative, so floor = truncate
};

/**
 * A Big from a JS number or decimal string. big.js throws a bare Error on NaN and ±Infinity, which
 * ended as a 500; a non-finite number is refused here with the error every caller understands.
 */
export function dec(value: number | string | Big): Big {
  if (typeof value === 'number' && !Number.isFinite(value)) {
    throw new ZipingError('non_finite_number', `计算中出现非有限数（${String(value)}），请检查分值与金额`);
  }
  return new Big(value);
}

/** Rounds to `decimals` places with the profile's mode and returns a JS number. */
export function roundTo(value: Big, decimals: number, mode: RoundingMode = 'half-up'): number {
  return Number(value.round(decimals, MODES[mode]).toString());
}

/** Formats with exactly `decimals` places, half-up: fixed(1.5, 2) = "1.50". */
export function fixed(value: number | Big, decimals = 2): string {
  return dec(value).toFixed(decimals, Big.roundHalfUp);
}

/** Sum of numbers in decimal, so 0.1 + 0.2 is 0.3. */
export function sum(values: readonly number[]): number {
  return Number(values.reduce((acc, v) => acc.plus(v), dec(0)).toString());
}

/** True when |a − b| ≤ 0.005, i.e. equal at 2 decimals. */
export function sameAt2(a: number, b: number): boolean {
  return dec(a).minus(b).abs().lte('0.005');
}

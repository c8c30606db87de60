/**
 * Decimal arithmetic for scores. JS floats give 9034/20000×10 = 4.516999…; the rules round
 * half-up on decimal values (scoring-rules.md §3.11, engineering-notes "Other traps").
 */
import Big from 'big.js';
import { ZipingError } from './errors.js';

export { Big };
export type Decimal = Big;

export type RoundingMode = 'half-up' | 'truncate' | 'floor';

/** big.js's rounding mode for each profile rounding mode. */
export const BIG_ROUNDING: Record<RoundingMode, Big.RoundingMode> = {
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

/** Powers of ten by exponent, read instead of computed for the few place counts scores use. */
const POW10 = [1, 10, 100, 1000, 1e4, 1e5, 1e6];

/**
 * `value` × 10^decimals as an integer when `value` has at most that many decimal places, else
 * null. Such values need no decimal library: integer arithmetic on them is exact, and the double
 * nearest to an integer / 10^decimals is the one its decimal text parses to. Only below 2^52 units:
 * there two counts a unit apart are two different doubles, so the count that gives back `value` is
 * its own; above, neighbouring counts share a double (8636876964.54753 is not 8636876964547529
 * millionths) and the decimal library decides.
 */
export function scaled(value: number, decimals: number): number | null {
  const factor = POW10[decimals] ?? 10 ** decimals;
  const n = Math.round(value * factor);
  return Math.abs(n) < 2 ** 52 && n / factor === value ? n : null;
}

/** k × 10^-decimals (k a safe integer) written with exactly `decimals` places, "-" first when `negative`. */
export function unitsText(k: number, decimals: number, negative: boolean): string {
  const units = Math.abs(k);
  if (decimals === 0) return negative ? `-${units}` : String(units);
  const p = POW10[decimals] ?? 10 ** decimals;
  const frac = units % p;
  // Integer arithmetic on the count of units: no digit string padded and cut in two (issue #9)
  const places = String(frac).padStart(decimals, '0');
  return negative ? `-${(units - frac) / p}.${places}` : `${(units - frac) / p}.${places}`;
}

/** Formats with exactly `decimals` places, half-up: fixed(1.5, 2) = "1.50". */
export function fixed(value: number | Big, decimals = 2): string {
  if (typeof value === 'number') {
    const k = scaled(value, decimals);
    // Nothing to round: the count is the one toFixed would write (no closer integer exists)
    if (k !== null) return unitsText(k, decimals, k < 0);
  }
  return dec(value).toFixed(decimals, Big.roundHalfUp);
}

/** Sum of numbers in decimal, so 0.1 + 0.2 is 0.3. */
export function sum(values: readonly number[]): number {
  let hundredths = 0;
  for (const value of values) {
    const n = scaled(value, 2);
    if (n === null) return Number(values.reduce((acc, v) => acc.plus(v), dec(0)).toString());
    hundredths += n;
  }
  return hundredths / 100;
}

/**
 * A running decimal sum: after `add`ing values, `value` is what `sum` of them gives. Kept in
 * hundredths while every value has at most 2 places (all 分值 and scores on real forms), so a check
 * that adds a form's column keeps no list to add up afterwards (issue #9); big.js from the first other value.
 */
export class DecimalTally {
  private hundredths = 0;
  private big: Big | null = null;

  /** Adds `value`; `units`: its count of hundredths when already taken (`scaled(value, 2)`). */
  add(value: number, units: number | null = scaled(value, 2)): void {
    if (this.big) this.big = this.big.plus(value);
    else if (units !== null) this.hundredths += units;
    // Exact: an integer count of hundredths divided by 100, then the value as big.js reads it
    else this.big = this.exact().plus(value);
  }

  /** Adds what `other` has added, exactly (as adding its values one by one would). */
  addTally(other: DecimalTally): void {
    if (!this.big && !other.big) this.hundredths += other.hundredths;
    else this.big = this.exact().plus(other.exact());
  }

  /** The sum so far as a big.js decimal. */
  private exact(): Big {
    return this.big ?? new Big(this.hundredths).div(100);
  }

  /** The sum so far, as `sum` gives it. */
  get value(): number {
    return this.big ? Number(this.big.toString()) : this.hundredths / 100;
  }
}

/** True when |a − b| ≤ 0.005, i.e. equal at 2 decimals. */
export function sameAt2(a: number, b: number): boolean {
  const x = scaled(a, 2);
  const y = scaled(b, 2);
  // Two values with at most 2 places that differ at all differ by 0.01 or more
  if (x !== null && y !== null) return x === y;
  return dec(a).minus(b).abs().lte('0.005');
}

/**
 * Decimal arithmetic at float speed (issue #9: big.js was 28% of scoring). A `Num` is a scaled
 * integer m × 10^-e while sums, products and terminating quotients stay exact; otherwise a float with
 * a bound on its error and its big.js value computed on demand. Comparisons and roundings decide on
 * the float unless it lies within its error bound of the boundary, and only then ask big.js, so every
 * answer is the one big.js gives (scoring-rules.md §3.11: half-up on decimal values).
 */
import { Big, BIG_ROUNDING, dec, type RoundingMode, unitsText } from './decimal.js';

export interface Num {
  /** The value as a float: the nearest double when exact. */
  readonly v: number;
  /** Exact values: v = m × 10^-e, m a safe integer; e = -1 for an inexact value. */
  readonly m: number;
  readonly e: number;
  /** Inexact values: a bound on |v − the big.js value|, and that value. */
  readonly err: number;
  readonly big: (() => Big) | null;
  /** The big.js value once computed (an inexact value's is asked for at most once). */
  cached: Big | null;
}

const POW10 = Array.from({ length: 23 }, (_, i) => 10 ** i);
/** Most decimal places an exact value keeps: big.js divides to 20 places (Big.DP). */
const MAX_E = 20;
/** Unit roundoff of a double. */
const U = 2 ** -53;

const safe = Number.isSafeInteger;

function exact(m: number, e: number): Num {
  return { v: m / POW10[e]!, m, e, err: 0, big: null, cached: null };
}

function inexact(v: number, err: number, big: () => Big): Num {
  return { v, m: 0, e: -1, err: Number.isFinite(v) ? err : Number.POSITIVE_INFINITY, big, cached: null };
}

/** The big.js value of `a`, exactly what big.js arithmetic would have produced. */
export function toBig(a: Num): Big {
  if (!a.big) return new Big(a.e === 0 ? a.m : `${a.m}e-${a.e}`);
  a.cached ??= a.big();
  return a.cached;
}

/** Error bound of `a` as a float (an exact value is off by at most half an ulp). */
const errOf = (a: Num): number => (a.big ? a.err : Math.abs(a.v) * U);

/**
 * The small whole numbers most cells, weights and counts are (0 … 1023), made once: an exact value is
 * never changed after it is made (only an inexact one caches its big.js value), so rows share them
 * instead of making three decimals each (issue #9). Same shape as every other Num: not frozen.
 */
const SMALL = 1024;
const SMALL_INTS: readonly Num[] = Array.from({ length: SMALL }, (_, i) => exact(i, 0));

/** A JS number as big.js reads it (its shortest decimal text); non-finite numbers are refused as `dec` does. */
export function num(x: number): Num {
  // −0 is left to the loop below, which keeps its sign as it always did
  if (x >= 0 && x < SMALL && (x | 0) === x && (x !== 0 || 1 / x > 0)) return SMALL_INTS[x]!;
  if (!Number.isFinite(x)) dec(x);
  for (let e = 0; e <= 15; e += 1) {
    const m = Math.round(x * POW10[e]!);
    if (safe(m) && m / POW10[e]! === x) return exact(m, e);
  }
  return inexact(x, Math.abs(x) * U, () => new Big(x));
}

/** The common scale of two exact values when both are safe integers at it, else -1 (no array built: hot path). */
function scaleOf(a: Num, b: Num): number {
  if (a.e < 0 || b.e < 0) return -1;
  const e = Math.max(a.e, b.e);
  return safe(a.m * POW10[e - a.e]!) && safe(b.m * POW10[e - b.e]!) ? e : -1;
}

/** The mantissa of exact `a` at scale `e` (≥ a.e). */
const at = (a: Num, e: number): number => a.m * POW10[e - a.e]!;

/** a + b. */
export function plus(a: Num, b: Num): Num {
  const e = scaleOf(a, b);
  if (e >= 0 && safe(at(a, e) + at(b, e))) return exact(at(a, e) + at(b, e), e);
  const v = a.v + b.v;
  return inexact(v, errOf(a) + errOf(b) + Math.abs(v) * U, () => toBig(a).plus(toBig(b)));
}

/** a − b. */
export function minus(a: Num, b: Num): Num {
  const e = scaleOf(a, b);
  if (e >= 0 && safe(at(a, e) - at(b, e))) return exact(at(a, e) - at(b, e), e);
  const v = a.v - b.v;
  return inexact(v, errOf(a) + errOf(b) + Math.abs(v) * U, () => toBig(a).minus(toBig(b)));
}

/** a × b. */
export function times(a: Num, b: Num): Num {
  if (a.e >= 0 && b.e >= 0 && a.e + b.e <= MAX_E && safe(a.m * b.m)) return exact(a.m * b.m, a.e + b.e);
  const v = a.v * b.v;
  const ea = errOf(a);
  const eb = errOf(b);
  return inexact(v, Math.abs(a.v) * eb + Math.abs(b.v) * ea + ea * eb + Math.abs(v) * U, () =>
    toBig(a).times(toBig(b)),
  );
}

function gcd(x: number, y: number): number {
  let a = Math.abs(x);
  let b = Math.abs(y);
  while (b) {
    const r = a % b;
    a = b;
    b = r;
  }
  return a;
}

/** a / b exactly when the quotient ends within 20 places (only 2s and 5s left in the divisor). */
function exactQuotient(a: Num, b: Num): Num | null {
  if (a.e < 0 || b.e < 0) return null;
  const g = gcd(a.m, b.m) || 1;
  let d = Math.abs(b.m / g);
  let twos = 0;
  let fives = 0;
  for (; d % 2 === 0; twos += 1) d /= 2;
  for (; d % 5 === 0; fives += 1) d /= 5;
  if (d !== 1) return null;
  const k = Math.max(twos, fives);
  // a.m/b.m = (a.m/g) × (10^k / |b.m/g|) / 10^k, the second factor an integer
  const m = (a.m / g) * (POW10[k]! / Math.abs(b.m / g)) * Math.sign(b.m);
  const e = a.e - b.e + k;
  if (e < 0) return safe(m * POW10[-e]!) ? exact(m * POW10[-e]!, 0) : null;
  return safe(m) && e <= MAX_E ? exact(m, e) : null;
}

/** a / b as big.js divides (20 places, half-up); b = 0 throws as big.js does. */
export function div(a: Num, b: Num): Num {
  if (b.v === 0 && b.e >= 0) toBig(a).div(toBig(b));
  const q = exactQuotient(a, b);
  if (q) return q;
  const v = a.v / b.v;
  const ea = errOf(a);
  const eb = errOf(b);
  const room = Math.abs(b.v) - eb;
  const err = room > 0 ? (ea + Math.abs(v) * eb) / room + Math.abs(v) * U + 1e-20 : Number.POSITIVE_INFINITY;
  return inexact(v, err, () => toBig(a).div(toBig(b)));
}

/** |a|. */
export function abs(a: Num): Num {
  if (a.e >= 0) return a.m < 0 ? exact(-a.m, a.e) : a;
  return inexact(Math.abs(a.v), a.err, () => toBig(a).abs());
}

/** −1, 0 or 1 as a is below, equal to or above b. */
export function cmp(a: Num, b: Num): -1 | 0 | 1 {
  const e = scaleOf(a, b);
  if (e >= 0) {
    const x = at(a, e);
    const y = at(b, e);
    return x < y ? -1 : x > y ? 1 : 0;
  }
  const d = a.v - b.v;
  if (Math.abs(d) > 2 * (errOf(a) + errOf(b)) + Math.abs(d) * U * 4) return d < 0 ? -1 : 1;
  return toBig(a).cmp(toBig(b)) as -1 | 0 | 1;
}

export const lt = (a: Num, b: Num): boolean => cmp(a, b) < 0;
export const lte = (a: Num, b: Num): boolean => cmp(a, b) <= 0;
export const gt = (a: Num, b: Num): boolean => cmp(a, b) > 0;
export const gte = (a: Num, b: Num): boolean => cmp(a, b) >= 0;
export const eq = (a: Num, b: Num): boolean => cmp(a, b) === 0;

/** The integer k with a rounded to `decimals` places = k × 10^-decimals, or null when the float cannot tell. */
function roundedUnits(a: Num, decimals: number, mode: RoundingMode): number | null {
  if (a.e >= 0) {
    if (a.e <= decimals) return safe(a.m * POW10[decimals - a.e]!) ? a.m * POW10[decimals - a.e]! : null;
    const p = POW10[a.e - decimals]!;
    const r = a.m % p;
    const q = (a.m - r) / p;
    return mode === 'half-up' && Math.abs(r) * 2 >= p ? q + Math.sign(a.m) : q;
  }
  const y = Math.abs(a.v) * POW10[decimals]!;
  const ey = 2 * (a.err * POW10[decimals]! + y * U * 2);
  if (!(y < 2 ** 52)) return null;
  const k = Math.floor(y);
  const frac = y - k;
  if (mode === 'half-up') {
    if (Math.abs(frac - 0.5) <= ey) return null;
    return (frac > 0.5 ? k + 1 : k) * (a.v < 0 ? -1 : 1);
  }
  if (frac <= ey || 1 - frac <= ey) return null;
  return k * (a.v < 0 ? -1 : 1);
}

/** `a` rounded to `decimals` places (decimals ≤ 20), as big.js `round` does. */
export function round(a: Num, decimals: number, mode: RoundingMode = 'half-up'): Num {
  const k = roundedUnits(a, decimals, mode);
  if (k !== null) return exact(k === 0 ? 0 : k, decimals);
  const r = toBig(a).round(decimals, BIG_ROUNDING[mode]);
  const v = Number(r.toString());
  return inexact(v, Math.abs(v) * U, () => r);
}

/** `a` rounded as `round` does, as a JS number (the nearest double to the rounded decimal). */
export function toNumber(a: Num, decimals: number, mode: RoundingMode = 'half-up'): number {
  const k = roundedUnits(a, decimals, mode);
  if (k !== null) return k === 0 ? 0 : k / POW10[decimals]!;
  return Number(toBig(a).round(decimals, BIG_ROUNDING[mode]).toString());
}

/** Divisors up to this size: a quotient rounded to 20 places, then to fewer, rounds as the exact one does. */
const SMALL_DIVISOR = 1e13;

/**
 * `toNumber(div(a, b), decimals)` (half-up), with no quotient made when both are exact: the ratio of
 * two exact decimals, rounded by integer arithmetic (every completion ratio, issue #9). big.js divides
 * to 20 places first; a divisor ≤ 1e13 keeps any other quotient more than 1e-20 off a half, so rounding
 * once gives the same number. b = 0 throws as big.js does.
 */
export function quotientAt(a: Num, b: Num, decimals: number): number {
  if (a.e < 0 || b.e < 0 || b.m === 0 || decimals > 6) return toNumber(div(a, b), decimals);
  // a / b = p / q, both integers
  const p = a.m * POW10[b.e]! * POW10[decimals]!;
  const q = b.m * POW10[a.e]!;
  if (!safe(p) || !safe(q) || Math.abs(q) > SMALL_DIVISOR) return toNumber(div(a, b), decimals);
  const n = Math.abs(p);
  const d = Math.abs(q);
  let units = Math.floor(n / d);
  // The float quotient of two safe integers may be one off near an integer: the remainder settles it
  let r = n - units * d;
  if (r < 0) {
    units -= 1;
    r += d;
  } else if (r >= d) {
    units += 1;
    r -= d;
  }
  if (r * 2 >= d) units += 1;
  if (units === 0) return 0;
  return (p < 0 !== q < 0 ? -units : units) / POW10[decimals]!;
}

/** b ≥ a × c, without the product made when the three are exact and it fits (the over-achievement test). */
export function atLeastProduct(b: Num, a: Num, c: Num): boolean {
  if (a.e < 0 || b.e < 0 || c.e < 0 || a.e + c.e > MAX_E || !safe(a.m * c.m)) return gte(b, times(a, c));
  const e = Math.max(b.e, a.e + c.e);
  const x = b.m * POW10[e - b.e]!;
  const y = a.m * c.m * POW10[e - a.e - c.e]!;
  return safe(x) && safe(y) ? x >= y : gte(b, times(a, c));
}

/** The exact value of `a` as a JS number, as `Number(big.toString())` reads it. */
export function toPlainNumber(a: Num): number {
  if (a.e >= 0) return a.v === 0 ? 0 : a.v;
  return Number(toBig(a).toString());
}

const isNegative = (a: Num): boolean | null => {
  if (a.e >= 0) return a.m < 0;
  return Math.abs(a.v) > 2 * a.err ? a.v < 0 : null;
};

/** Half-up with exactly `decimals` places, as big.js `toFixed` writes it ("-0.00" for −0.001). */
export function fixedText(a: Num, decimals = 2): string {
  const k = roundedUnits(a, decimals, 'half-up');
  const negative = isNegative(a);
  if (k === null || negative === null) return toBig(a).toFixed(decimals, Big.roundHalfUp);
  return unitsText(k, decimals, negative);
}

/** Half-up to `decimals` places, written as big.js `round(…).toString()` writes it (no trailing zeros). */
export function roundedText(a: Num, decimals: number): string {
  // An exact integer (most counts on forms) is written as it is: a safe integer has no exponent in either
  if (a.e === 0) return String(a.m);
  const k = roundedUnits(a, decimals, 'half-up');
  if (k === null || Math.abs(k) >= 1e15) return toBig(a).round(decimals, Big.roundHalfUp).toString();
  let places = decimals;
  let units = k;
  for (; places > 0 && units % 10 === 0; places -= 1) units /= 10;
  return units === 0 ? '0' : unitsText(units, places, units < 0);
}

export const ZERO: Num = exact(0, 0);
export const ONE: Num = exact(1, 0);

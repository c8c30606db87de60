/**
 * fast-decimal gives the answers big.js gives (issue #9 moved scoring off big.js where rounding does
 * not need it): the rules' half-up cases from scoring-rules.md §3.11, then seeded random arithmetic
 * on the decimals forms carry, each result rounded as the profiles round and compared with big.js.
 */
import { describe, expect, it } from 'vitest';
import { Big, BIG_ROUNDING, fixed, type RoundingMode, scaled } from '../../src/core/decimal.js';
import {
  atLeastProduct,
  cmp,
  div,
  minus,
  num,
  plus,
  quotientAt,
  roundedText,
  times,
  toBig,
  toNumber,
  type Num,
} from '../../src/core/fast-decimal.js';

type Op = [string, (a: Num, b: Num) => Num, (a: Big, b: Big) => Big];
const OPS: Op[] = [
  ['+', plus, (a, b) => a.plus(b)],
  ['−', minus, (a, b) => a.minus(b)],
  ['×', times, (a, b) => a.times(b)],
  ['÷', div, (a, b) => a.div(b)],
];
const MODES: RoundingMode[] = ['half-up', 'truncate'];

/** A repeatable stream of numbers in (0, 1): the same cases on every run. */
function seededRandom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 16807) % 2147483647;
    return state / 2147483647;
  };
}

const bigRounded = (value: Big, decimals: number, mode: RoundingMode) =>
  Number(value.round(decimals, BIG_ROUNDING[mode]).toString());

describe('fast-decimal rounds as big.js does', () => {
  it.each([
    // 9034/20000 × 10 is 4.516999… in floats; half-up on the decimal value gives 4.52
    ['9034', '÷', '2000', 2, 4.52],
    ['2.675', '×', '1', 2, 2.68],
    ['1.005', '×', '1', 2, 1.01],
    ['0.1', '+', '0.2', 2, 0.3],
    ['10', '÷', '3', 2, 3.33],
    ['20', '÷', '3', 2, 6.67],
    ['19.665', '+', '0', 2, 19.67],
  ])('%s %s %s to %d places, half-up: %d', (a, op, b, decimals, expected) => {
    const [, fast, big] = OPS.find(([name]) => name === op)!;
    const value = fast(num(Number(a)), num(Number(b)));
    expect(toNumber(value, decimals)).toBe(expected);
    expect(toNumber(value, decimals)).toBe(bigRounded(big(new Big(a), new Big(b)), decimals, 'half-up'));
  });

  it('agrees with big.js on 20,000 seeded random operations, roundings and comparisons', () => {
    let seed = 20261130;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const decimal = () => {
      const places = Math.floor(random() * 7);
      const value = Math.round((random() - 0.2) * 10 ** (2 + places) * (random() < 0.3 ? 100 : 1)) / 10 ** places;
      return Number(value.toFixed(places));
    };
    const mismatches: string[] = [];
    for (let i = 0; i < 20_000; i++) {
      const [a, b] = [decimal(), decimal()];
      const [name, fast, big] = OPS[i % OPS.length]!;
      if (name === '÷' && b === 0) continue;
      const value = fast(num(a), num(b));
      const exact = big(new Big(a), new Big(b));
      const decimals = i % 5;
      const mode = MODES[i % 2]!;
      if (toNumber(value, decimals, mode) !== bigRounded(exact, decimals, mode))
        mismatches.push(`${a} ${name} ${b} to ${decimals} (${mode})`);
      if (cmp(value, num(a)) !== exact.cmp(new Big(a))) mismatches.push(`cmp(${a} ${name} ${b}, ${a})`);
    }
    expect(mismatches).toEqual([]);
  });
});

describe('scaled counts the units of the decimal a number is, or gives up', () => {
  // The count big.js gives for the number's own decimal text, when it has at most `decimals` places
  const exact = (value: number, decimals: number): number | null => {
    const units = new Big(value).times(new Big(10).pow(decimals));
    return units.eq(units.round(0, Big.roundDown)) ? Number(units.toString()) : null;
  };

  it.each([
    [8636876964.54753, 6],
    [8636876964.54753 - 4.7, 6],
    [4503599627.370497, 6],
    [-9007199254.740992, 6],
    [45035996273704.97, 2],
    [12.5, 6],
    [0.1, 2],
  ])('%d to %d places: its own count or null, never a neighbour', (value, decimals) => {
    const got = scaled(value, decimals);
    if (got !== null) expect(got).toBe(exact(value, decimals));
  });

  it('on 20,000 seeded values of every size near 2^52 units agrees with big.js whenever it answers', () => {
    const random = seededRandom(23);
    for (let n = 0; n < 20_000; n += 1) {
      const decimals = Math.floor(random() * 7);
      const value = Number(((random() - 0.5) * 2 ** (40 + random() * 14)).toFixed(decimals)) / 10 ** decimals;
      const got = scaled(value, decimals);
      if (got !== null) expect(got, `${value} to ${decimals}`).toBe(exact(value, decimals));
    }
  });
});

describe('fixed writes what toFixed and big.js write', () => {
  // As fixed was written before issue #9 made it count units: toFixed where nothing rounds, else big.js
  const before = (value: number, decimals: number) =>
    scaled(value, decimals) !== null ? value.toFixed(decimals) : new Big(value).toFixed(decimals, Big.roundHalfUp);

  it('agrees on 20,000 seeded values with up to 6 places, of every size', () => {
    const random = seededRandom(11);
    for (let n = 0; n < 20_000; n += 1) {
      const places = Math.floor(random() * 7);
      const decimals = Math.floor(random() * 5);
      const scale = 10 ** Math.floor(random() * 14);
      const value = Math.round((random() - 0.3) * scale * 10 ** places) / 10 ** places;
      expect(fixed(value, decimals), `${value} to ${decimals}`).toBe(before(value, decimals));
    }
    expect([fixed(-0), fixed(0.005), fixed(-0.004), fixed(2.675), fixed(12.5, 0)]).toEqual([
      '0.00',
      '0.01',
      '-0.00',
      '2.68',
      '13',
    ]);
  });
});

describe('roundedText writes what big.js round().toString() writes', () => {
  it('agrees on 20,000 seeded integers and decimals, exact and computed', () => {
    const random = seededRandom(5);
    for (let n = 0; n < 20_000; n += 1) {
      const places = Math.floor(random() * 4) === 0 ? 0 : Math.floor(random() * 7);
      const value = Math.round((random() - 0.3) * 10 ** Math.floor(random() * 16)) / 10 ** places;
      const a = n % 3 === 0 ? div(num(value), num(3)) : num(value);
      const decimals = Math.floor(random() * 5);
      expect(roundedText(a, decimals), `${value} to ${decimals}`).toBe(
        toBig(a).round(decimals, Big.roundHalfUp).toString(),
      );
    }
  });
});

describe('quotientAt and atLeastProduct answer as the quotient and product made by big.js do', () => {
  it.each([
    // completion ratios of real rows: 6/6, 11/2, 296/200, 20/10, 2/3, 1/7, a half at the 7th place
    [6, 6, 1],
    [11, 2, 5.5],
    [296, 200, 1.48],
    [20, 10, 2],
    [2, 3, 0.666667],
    [1, 7, 0.142857],
    [0.0000005, 1, 0.000001],
    [-0.0000005, 1, -0.000001],
    [1, 3e7, 0],
    [-1, 3e7, 0],
    [0.958, 0.95, 1.008421],
  ])('%d / %d to 6 places is %d', (a, b, expected) => {
    expect(quotientAt(num(a), num(b), 6)).toBe(expected);
    expect(quotientAt(num(a), num(b), 6)).toBe(toNumber(div(num(a), num(b)), 6));
  });

  it('agrees with big.js on 20,000 seeded ratios and products of 0–6 place decimals', () => {
    const random = seededRandom(11);
    const decimal = () => {
      const places = Math.floor(random() * 7);
      const value = Math.round((random() - 0.2) * 10 ** Math.floor(random() * 9) * 10 ** places) / 10 ** places;
      return Number(value.toFixed(places));
    };
    for (let n = 0; n < 20_000; n += 1) {
      const [a, b, c] = [decimal(), decimal(), decimal()];
      const decimals = n % 7;
      if (b !== 0) {
        const big = Number(new Big(a).div(new Big(b)).round(decimals, Big.roundHalfUp).toString());
        expect(quotientAt(num(a), num(b), decimals), `${a} / ${b} to ${decimals}`).toBe(big);
      }
      const product = new Big(b).times(new Big(c));
      expect(atLeastProduct(num(a), num(b), num(c)), `${a} ≥ ${b} × ${c}`).toBe(new Big(a).gte(product));
    }
  });
});

/**
 * DecimalTally adds as it reads (the weight, total and funding checks keep no list, issue #9): its
 * value is the one big.js gives for the exact sum of the values, as `sum` of the list gave before.
 */
import { describe, expect, it } from 'vitest';
import { Big, DecimalTally, sum } from '../../src/core/decimal.js';
import { seededRandom } from '../support/seeded-random.js';

/** The sum as big.js writes it: every value's shortest decimal added exactly. */
const bigSum = (values: readonly number[]): number =>
  Number(values.reduce((acc, v) => acc.plus(v), new Big(0)).toString());

/** A tally of `values`, added one by one. */
function tallyOf(values: readonly number[]): DecimalTally {
  const tally = new DecimalTally();
  for (const v of values) tally.add(v);
  return tally;
}

// Real 分值 and score columns (seed, 池州 forms/07, 大英), then values with more places than hundredths
const LISTS: number[][] = [
  [],
  [10, 5, 5, 5, 5, 2, 3, 5, 3, 5, 2, 10, 10, 10, 10, 10],
  [0.1, 0.2],
  [2.675, 7.5, 0.9, 1.33],
  [33.333333, 33.333333, 33.333334],
  [1e-7, 0.3, 99.7],
  [8636876964.54753, 0.01],
  [0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9],
];

describe('DecimalTally', () => {
  it.each(LISTS.map((l) => [l]))('adds %j as big.js and `sum` do', (values) => {
    expect(tallyOf(values).value).toBe(bigSum(values));
    expect(tallyOf(values).value).toBe(sum(values));
  });

  it('adds seeded random lists of 1–4 place values exactly, one by one or tally to tally', () => {
    const random = seededRandom(9);
    for (let k = 0; k < 500; k += 1) {
      const values = Array.from({ length: 1 + Math.floor(random() * 12) }, () =>
        Number((random() * 100).toFixed(1 + Math.floor(random() * 4))),
      );
      const cut = Math.floor(random() * values.length);
      const head = tallyOf(values.slice(0, cut));
      head.addTally(tallyOf(values.slice(cut)));
      expect([values, tallyOf(values).value]).toEqual([values, bigSum(values)]);
      expect([values, head.value]).toEqual([values, bigSum(values)]);
    }
  });
});

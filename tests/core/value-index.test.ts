/**
 * The facts of 实际完成情况 by value (value-index.ts, issue #9): a probe finds the same fact a scan of
 * the cell's facts in listing order finds (project, rows, counts), values on a half included.
 */
import { describe, expect, it } from 'vitest';
import type { FormFacts } from '../../src/core/facts/types.js';
import { newColumns, type TableFacts } from '../../src/core/checks/narrative/table-facts.js';
import { ValueIndex } from '../../src/core/checks/narrative/value-index.js';
import { seededRandom } from '../support/seeded-random.js';

/** A table whose project, rows and counts hold `values` in that order, `rows` segments of `per` facts. */
function tableOf(values: number[], project: number, rows: number, per: number): TableFacts {
  const c = newColumns();
  // written out of listing order, as a deviation cell reading its row first leaves them
  const order = Array.from({ length: rows }, (_, r) => (r + 1) % rows);
  let size = 0;
  const put = (v: number) => {
    c.values[size] = v;
    c.units[size] = null;
    return size++;
  };
  for (let i = 0; i < project; i++) put(values[i]!);
  for (const r of order) {
    c.rowStart[r] = size;
    for (let k = 0; k < per; k++) put(values[project + r * per + k]!);
    c.rowEnd[r] = size;
  }
  const countsStart = size;
  for (let i = project + rows * per; i < values.length; i++) put(values[i]!);
  const f = { rows: Array.from({ length: rows }) } as unknown as FormFacts;
  return { f, ...c, size, slots: 0, projectEnd: project, countsStart, countsEnd: size };
}

/** The listing position of each table index (what a scan in listing order meets first). */
function listed(t: TableFacts): number[] {
  const out: number[] = [];
  for (let i = 0; i < t.projectEnd; i++) out.push(i);
  for (let r = 0; r < t.f.rows.length; r++) for (let i = t.rowStart[r]!; i < t.rowEnd[r]!; i++) out.push(i);
  for (let i = t.countsStart; i < t.countsEnd; i++) out.push(i);
  return out;
}

describe('ValueIndex', () => {
  const cases: [string, number][] = [
    ['an integer', 2],
    ['a value on a half', 2.5],
    ['a negative half', -0.5],
    ['a large value on a half', 12_345_678.5],
    ['a fraction', 48.148148],
  ];
  it.each(cases)('finds the first fact within 1e-9 of %s, as a scan in listing order does', (_, v) => {
    // facts just under and just over v, in both orders, among others in every segment
    const values = [7, v + 5e-10, 100, v - 5e-10, 3, v, 9, v + 2e-9, 1, v - 5e-10, 4, 5];
    const t = tableOf(values, 2, 3, 3);
    const index = new ValueIndex(t, 0, 3);
    const order = listed(t);
    for (let skip = 0; skip < 5; skip++) {
      // pass all but the first `skip` candidates in listing order
      const near = order.filter((i) => Math.abs(t.values[i]! - v) < 1e-9);
      const passes = (i: number) => !near.slice(0, skip).includes(i);
      const scan = order.find((i) => Math.abs(t.values[i]! - v) < 1e-9 && passes(i)) ?? -1;
      expect(index.first(v, passes)).toBe(scan);
    }
  });

  it('agrees with a scan on 2,000 seeded random tables and probes', () => {
    const random = seededRandom(9);
    for (let n = 0; n < 2000; n++) {
      const pick = () => {
        const base = Math.round(random() * 40) / 2 - 5;
        return random() < 0.3 ? base + (random() - 0.5) * 4e-9 : base;
      };
      const values = Array.from({ length: 30 }, pick);
      const t = tableOf(values, 3, 5, 4);
      const index = new ValueIndex(t, 0, 5);
      const order = listed(t);
      const v = pick();
      const even = (i: number) => i % 2 === 0;
      const scan = order.find((i) => Math.abs(t.values[i]! - v) < 1e-9 && even(i)) ?? -1;
      expect(index.first(v, even)).toBe(scan);
    }
  });
});

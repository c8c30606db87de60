import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type GoldenEntry, goldenResults } from '../support/golden-cases.js';

// Every real form, the seed, the bench form and a grid of real notations, scored under every profile,
// must score exactly as the golden file says (written by tests/support/golden-write.ts before the
// scorer was made faster, issue #9): the same numbers, flags, issues, explanations and facts.
const golden: Record<string, GoldenEntry> = Object.fromEntries(
  readFileSync(new URL('../fixtures/golden-scores.jsonl', import.meta.url), 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as [string, GoldenEntry]),
);
const now = goldenResults();

describe('golden scores', () => {
  it('has every case and no other', () => {
    expect(Object.keys(now).sort()).toEqual(Object.keys(golden).sort());
    expect(Object.keys(now).length).toBeGreaterThan(400);
  });

  it.each(Object.keys(golden))('%s scores as before', (key) => {
    const { digest, ...was } = golden[key]!;
    const { digest: digestNow, ...is } = now[key]!;
    // Numbers, flags and issues first, so a difference shows where; the digest then covers the texts
    expect(is).toEqual(was);
    expect(digestNow).toBe(digest);
  });
});

/**
 * Issue #8, "catastrophic backtracking": a cell of 30 dashes followed by a word blocked the server
 * for 13 s (the filler rule's nested quantifier), and 60 KB of digits took 11 s in the 指标值 range
 * rule. Each finding is first reproduced with the old expression (time ratio between an input and
 * a longer one), then every text function of core and drafting is shown to grow linearly on the
 * strings the regexp lint named as attacks.
 */
import { describe, expect, it } from 'vitest';
import { parseActual } from '../../src/core/parse/actual-parser.js';
import { isFillerText, isPlaceholder } from '../../src/core/parse/placeholder.js';
import { findQuantities } from '../../src/core/parse/quantity.js';
import { isScaleList } from '../../src/core/parse/qualitative.js';
import { signEndingAt, signStartingAt } from '../../src/core/parse/sign.js';
import { parseTarget } from '../../src/core/parse/target-parser.js';
import { goalParts } from '../../src/drafting/goals.js';
import { parseNotes } from '../../src/drafting/notes.js';
import { findNumbers } from '../../src/drafting/numbers.js';
import { parseQuickActions } from '../../src/drafting/quick-actions.js';
import { compact, fitToLength, normalizeText } from '../../src/drafting/text-tools.js';
import { leastGrowth, mostGrowth } from './timing.js';

// The expressions as they were before issue #8, kept here only to show the finding
const OLD_FILLER =
  /^(?:[—–\-－/／*＊0０]+|无|暂无|没有|无偏差|无偏差原因|无偏差说明|不存在偏差|不涉及|已完成|完成|见上|同上|略)+$/;
const OLD_RANGE = /(\d+(?:\.\d+)?)\s*(%|％)?\s*(?:-|~|～|—|－|至|到)\s*(\d+(?:\.\d+)?)\s*(%|％)?/;

const ctx = { year: 2022, unsignedAs: 'ge' as const };

describe('findings, reproduced with the old expressions', () => {
  it('the filler rule was exponential: 4 more dashes cost more than 8 times as much', () => {
    const ratio = mostGrowth(
      (s) => OLD_FILLER.test(s),
      (n) => `${'—'.repeat(n)}x`,
      16,
      1.25,
      8,
    );
    expect(ratio).toBeGreaterThan(8);
  });

  it('the range rule was quadratic in a digit run: 8 times the digits cost more than 24 times as much', () => {
    const ratio = mostGrowth(
      (s) => OLD_RANGE.test(s),
      (n) => `${'1'.repeat(n)}x`,
      1000,
      8,
      24,
    );
    expect(ratio).toBeGreaterThan(24);
  });
});

// [name, function, attack string of length ~n]
const ATTACKS: [string, (s: string) => unknown, (n: number) => string][] = [
  ['isFillerText on dashes + word', isFillerText, (n) => `${'—'.repeat(n)}x`],
  ['isFillerText on zeros + word', isFillerText, (n) => `${'0'.repeat(n)}好`],
  ['isPlaceholder on marks + word', isPlaceholder, (n) => `${'-'.repeat(n)}x`],
  ['parseTarget on a digit run', (s) => parseTarget(s, ctx), (n) => `${'1'.repeat(n)}x`],
  ['parseTarget on spaced digits', (s) => parseTarget(s, ctx), (n) => `${'1 '.repeat(n)}x`],
  ['parseTarget on a scale with spaces', (s) => parseTarget(s, ctx), (n) => `高${' '.repeat(n)}x`],
  ['parseActual on a digit run', (s) => parseActual(s, parseTarget('≥10个', ctx), 2022), (n) => `${'9'.repeat(n)}.`],
  ['findQuantities on a digit run', findQuantities, (n) => `${'1'.repeat(n)}x`],
  ['isScaleList on spaces', isScaleList, (n) => `高${' '.repeat(n)}中${' '.repeat(n)}x`],
  // The sign before the number x and after it, spaces between, as parseTarget reads them in place
  ['signEndingAt on spaces', (s) => signEndingAt(s, s.length - 1), (n) => `≥${' '.repeat(n)}x`],
  ['signStartingAt on spaces', (s) => signStartingAt(s, 1), (n) => `x${' '.repeat(n)}以上`],
  ['findNumbers on Chinese numerals', findNumbers, (n) => `${'九'.repeat(n)}x`],
  ['findNumbers on a digit run', findNumbers, (n) => `${'1'.repeat(n)}x`],
  ['goalParts on new lines', goalParts, (n) => `目标1：${'\n'.repeat(n)}x`],
  ['parseNotes on punctuation', parseNotes, (n) => `原因：${'，'.repeat(n)}x`],
  ['parseQuickActions on spaces and digits', parseQuickActions, (n) => `控制在${' '.repeat(n)}${'1'.repeat(n)}x`],
  ['normalizeText on tabs', normalizeText, (n) => `a${' \t'.repeat(n)}x`],
  ['compact on commas', compact, (n) => `完成${'，'.repeat(n)}x。`],
  ['fitToLength on commas', (s) => fitToLength(s, 50), (n) => `完成任务${'，、'.repeat(n)}x。`],
];

describe('every text function grows linearly on the attack strings', () => {
  it.each(ATTACKS)('%s', (_name, fn, make) => {
    // linear: ≈ 16; quadratic: ≈ 256. 64 leaves room for a loaded machine and still flags backtracking
    expect(leastGrowth(fn, make, 2000, 16, 64)).toBeLessThan(64);
  });
});

/** Numbers as narratives write them (issue #13). */
import { Big } from '../decimal.js';

/** Rounds half-up to at most `decimals` places and drops trailing zeros: 47.916 → "47.92", 1.50 → "1.5". */
export function formatNumber(value: number, decimals = 2): string {
  return new Big(value).round(decimals, Big.roundHalfUp).toString();
}

/** Counts characters as the cells do: every character but whitespace is one. */
export function countChars(text: string): number {
  let n = 0;
  for (const ch of text) if (!/\s/.test(ch)) n++;
  return n;
}

/** The UTF-16 index where the (n+1)-th counted character starts, or text.length. */
export function indexAfterChars(text: string, n: number): number {
  let count = 0;
  let i = 0;
  for (const ch of text) {
    if (!/\s/.test(ch)) {
      if (count === n) return i;
      count++;
    }
    i += ch.length;
  }
  return text.length;
}

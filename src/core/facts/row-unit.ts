/**
 * The unit printed in an indicator's name, `带动贫困户(人)`, `完成率（%）`: the row's unit when
 * the target is a bare number (issue #13; fixtures write units there rather than in the cells).
 */
import { unitAt, type Unit } from '../parse/units.js';

const [OPEN, FULL_OPEN, CLOSE, FULL_CLOSE] = Array.from('(（)）', (c) => c.charCodeAt(0));
/** Names are read this far, and a bracketed group holds at most this many characters. */
const NAME_CHARS = 500;
const GROUP_CHARS = 8;

const isOpen = (c: number): boolean => c === OPEN || c === FULL_OPEN;
const isBracket = (c: number): boolean => isOpen(c) || c === CLOSE || c === FULL_CLOSE;

/**
 * The unit in the name's last bracketed group (1–8 characters, none of them brackets, between an
 * opening and a closing bracket of either width) that is nothing but a unit, or null. A scan, not
 * `matchAll`: no match arrays for every row's facts (issue #9).
 */
export function unitInName(name: string): Unit | null {
  const limit = Math.min(name.length, NAME_CHARS);
  let found: Unit | null = null;
  for (let open = 0; open < limit; open += 1) {
    if (!isOpen(name.charCodeAt(open))) continue;
    let close = open + 1;
    while (close < limit && !isBracket(name.charCodeAt(close))) close += 1;
    const length = close - open - 1;
    if (close >= limit || isOpen(name.charCodeAt(close)) || length < 1 || length > GROUP_CHARS) continue;
    const inner = name.slice(open + 1, close).trim();
    const read = unitAt(inner);
    if (read && read.length === inner.length) found = read.unit;
    open = close;
  }
  return found;
}

/**
 * The unit printed in an indicator's name, `带动贫困户(人)`, `完成率（%）`: the row's unit when
 * the target is a bare number (issue #13; fixtures write units there rather than in the cells).
 */
import { unitAt, type Unit } from '../parse/units.js';

// a bracketed group of at most 8 characters, none of them brackets
const BRACKETED = /[（(]([^（）()]{1,8})[)）]/g;

/** The unit in the name's last bracketed group that is nothing but a unit, or null. */
export function unitInName(name: string): Unit | null {
  let found: Unit | null = null;
  for (const m of name.slice(0, 500).matchAll(BRACKETED)) {
    const inner = m[1]!.trim();
    const read = unitAt(inner);
    if (read && read.length === inner.length) found = read.unit;
  }
  return found;
}

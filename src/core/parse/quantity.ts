/**
 * Numbers with their units inside free text: "≥8400元", "29.5亩", "20,500.000000",
 * "健康管理等垂直领域应用创新1项，…100名患者" (scoring-rules.md §9.10).
 */
import { isSpace, skipSpaces, skipSpacesBack } from './space.js';
import { type Unit, unitLabelAt } from './units.js';
import { DAY, DAY_NO, isDigit, MONTH, YEAR } from './char-codes.js';

/**
 * A number with its unit as read from a cell. Its text as written (`raw`) is cut from the cell only
 * when a message quotes it: every number of every cell is read on every scoring, few are quoted (issue #9).
 */
export class Quantity {
  constructor(
    /** The number as written, in its own unit. */
    readonly value: number,
    readonly unit: Unit | null,
    /** Where it stands in the text. */
    readonly start: number,
    readonly end: number,
    /** The text it was read from. */
    private readonly text: string,
  ) {}

  /** The number and unit as written ("1,234.5万元"). */
  get raw(): string {
    return this.text.slice(this.start, this.end);
  }

  /** This quantity with another value and unit (a unit taken from the target, a fraction read as %). */
  with(value: number, unit: Unit | null): Quantity {
    return new Quantity(value, unit, this.start, this.end, this.text);
  }
}

/** Characters after which a minus starts a number ("为-3%", "（-5个"): never after a digit or %, so "90%-95%" is a range. */
const MINUS_LEADS = new Set(Array.from('（(：:，,为', (c) => c.charCodeAt(0)));
const MINUS = 0x2d;
const FULL_MINUS = 0xff0d;

/** True when three digits stand at `at`. */
const isDigit3 = (text: string, at: number): boolean =>
  isDigit(text.charCodeAt(at)) && isDigit(text.charCodeAt(at + 1)) && isDigit(text.charCodeAt(at + 2));

/** The end of the number starting with the digit at `at`: "1,234" groups of three, then ".5" decimals. */
function numberEnd(text: string, at: number): number {
  let run = at;
  while (isDigit(text.charCodeAt(run))) run += 1;
  let end = run;
  // Thousands groups only after a run of 1–3 digits, each a comma and exactly three digits
  if (run - at <= 3) {
    while (text.charCodeAt(end) === 0x2c && isDigit3(text, end + 1)) end += 4;
  }
  if (text.charCodeAt(end) === 0x2e && isDigit(text.charCodeAt(end + 1))) {
    end += 2;
    while (isDigit(text.charCodeAt(end))) end += 1;
  }
  return end;
}

/**
 * The next number in `text` from `from` as [start, end], or null: a digit run's first digit (never
 * after a digit or a point), with a minus before it where the minus follows the start, a space or
 * one of MINUS_LEADS. A scan, not a regular expression: no match arrays for every number (issue #9).
 * Exported for tests/core/quantity-scan.test.ts, which holds these spans to the NUMBER pattern the scan
 * replaced: `findQuantities` (which scans without the pair) drops dates and ends a quantity after its
 * unit, so it cannot show them.
 */
export function nextNumber(text: string, from: number): [number, number] | null {
  const start = numberStart(text, from);
  return start < 0 ? null : [start, numberEnd(text, isDigit(text.charCodeAt(start)) ? start : start + 1)];
}

/** Where the next number (as `nextNumber` reads it) starts, or -1: no pair made for it. */
function numberStart(text: string, from: number): number {
  for (let p = from; p < text.length; p += 1) {
    const c = text.charCodeAt(p);
    if (isDigit(c)) {
      const before = p === 0 ? 0 : text.charCodeAt(p - 1);
      if (!isDigit(before) && before !== 0x2e) return p;
    } else if ((c === MINUS || c === FULL_MINUS) && isDigit(text.charCodeAt(p + 1)) && minusMayLead(text, p)) {
      return p;
    }
  }
  return -1;
}

/** True when the minus at `at` may start a number: first in the text, or after a space or a MINUS_LEADS mark. */
function minusMayLead(text: string, at: number): boolean {
  if (at === 0) return true;
  const c = text.charCodeAt(at - 1);
  return isSpace(c) || MINUS_LEADS.has(c);
}

/** How far past a number its unit (or the 年/月/日 of a date) is looked for. */
const AFTER = 8;

/**
 * "2022年", "12月", "12月30日" are parts of a date, not quantities: 月 after the number, 年 after a
 * year, or 日/号 after the number with 月 just before it (in the 3 characters before). `next`: the
 * code of the first character after the number that is no space (within AFTER), or -1.
 */
function isDatePart(text: string, start: number, end: number, value: number, next: number): boolean {
  if (next === MONTH) return true;
  // As Number(text) read it: a number written with commas ("1,999") was no year
  if (next === YEAR) return value >= 1900 && !text.slice(start, end).includes(',');
  if (next !== DAY && next !== DAY_NO) return false;
  const low = Math.max(0, start - 3);
  const after = skipSpacesBack(text, start, low);
  return after > low && text.charCodeAt(after - 1) === MONTH;
}

/** The value of the number at [start, end): "1,234.5" is 1234.5, "－5" is −5 (as `Number` reads its text). */
function numberValue(text: string, start: number, end: number): number {
  let units = 0;
  let scale = 1;
  let point = false;
  for (let i = start; i < end; i += 1) {
    const c = text.charCodeAt(i);
    if (c === 0x2e) point = true;
    else if (isDigit(c)) {
      units = units * 10 + (c - 0x30);
      if (point) scale *= 10;
    }
  }
  const negative = !isDigit(text.charCodeAt(start));
  // Two exact doubles divide to the double nearest the decimal, as Number(text) reads it (IEEE 754);
  // longer digit runs than a double holds exactly are read from the text (no slice for the others)
  if (units > Number.MAX_SAFE_INTEGER || scale > 1e22) return numberOfText(text.slice(start, end));
  const value = point ? units / scale : units;
  return negative ? -value : value;
}

/** The value of a number's text read by `Number`: "1,234.5" is 1234.5, "－5" is −5. */
function numberOfText(numberText: string): number {
  const plain = numberText.includes(',') ? numberText.replace(/,/g, '') : numberText;
  return Number(plain.charCodeAt(0) === 0xff0d ? plain.replace('－', '-') : plain);
}

/**
 * No quantity: one shared list, so a text without numbers makes none (issue #9). Readonly by type, not
 * frozen: a frozen array's elements are of another kind, and every `quantities[0]` read would see two.
 */
const NONE: readonly Quantity[] = [];

/** Every quantity in `text`, in order. Dates ("2022年", "12月") are left out. */
export function findQuantities(text: string): readonly Quantity[] {
  let found: Quantity[] | null = null;
  for (let start = numberStart(text, 0); start >= 0; ) {
    const end = numberEnd(text, isDigit(text.charCodeAt(start)) ? start : start + 1);
    const next = numberStart(text, end);
    const value = numberValue(text, start, end);
    // Only a few characters either side matter; slicing the whole text made long actuals quadratic.
    // The spaces after the number are skipped once, for the date test and the unit both.
    const limit = Math.min(text.length, end + AFTER);
    const at = skipSpaces(text, end, limit);
    if (!isDatePart(text, start, end, value, at < limit ? text.charCodeAt(at) : -1) && Number.isFinite(value)) {
      const quantity = quantityAt(text, start, end, value, at, limit);
      // A list of one for the one quantity most cells hold, not an empty list grown to seventeen
      if (found) found.push(quantity);
      else found = [quantity];
    }
    start = next;
  }
  return found ?? NONE;
}

/** The quantity whose number is at [start, numberEnd), with the unit written at `at` (its spaces skipped). */
function quantityAt(text: string, start: number, numberEnd: number, value: number, at: number, limit: number) {
  const entry = unitLabelAt(text, at, limit);
  const end = entry ? at + entry[0].length : numberEnd;
  return new Quantity(value, entry ? entry[1] : null, start, end, text);
}

/**
 * Numbers with their units inside free text: "≥8400元", "29.5亩", "20,500.000000",
 * "健康管理等垂直领域应用创新1项，…100名患者" (scoring-rules.md §9.10).
 */
import { isSpace } from './space.js';
import { type Unit, unitWithin } from './units.js';

export interface Quantity {
  /** The number as written, in its own unit. */
  value: number;
  unit: Unit | null;
  /** Where it stands in the text and what was read. */
  start: number;
  end: number;
  raw: string;
}

// A minus counts only where a number starts ("-5个", "为-3%"), never inside a range like "90%-95%"
const NUMBER = /(?:(?<=^|[\s（(：:，,为])[-－])?(?<![\d.])(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?/g;
/** How far past a number its unit (or the 年/月/日 of a date) is looked for. */
const AFTER = 8;

/** The first character at or after `from` (before `limit`) that is not a space, or ''. */
function nextNonSpace(text: string, from: number, limit: number): string {
  let i = from;
  while (i < limit && isSpace(text.charCodeAt(i))) i += 1;
  return i < limit ? text[i]! : '';
}

/**
 * "2022年", "12月", "12月30日" are parts of a date, not quantities: 月 after the number, 年 after a
 * year, or 日/号 after the number with 月 just before it (in the 3 characters before).
 */
function isDatePart(text: string, start: number, end: number, numberText: string): boolean {
  const next = nextNonSpace(text, end, Math.min(text.length, end + AFTER));
  if (next === '月') return true;
  if (next === '年') return Number(numberText) >= 1900;
  if (next !== '日' && next !== '号') return false;
  let j = start - 1;
  const low = Math.max(0, start - 3);
  while (j >= low && isSpace(text.charCodeAt(j))) j -= 1;
  return j >= low && text[j] === '月';
}

/** The value of a matched number: "1,234.5" is 1234.5, "－5" is −5. */
function numberValue(numberText: string): number {
  const plain = numberText.includes(',') ? numberText.replace(/,/g, '') : numberText;
  return Number(plain.charCodeAt(0) === 0xff0d ? plain.replace('－', '-') : plain);
}

/** Every quantity in `text`, in order. Dates ("2022年", "12月") are left out. */
export function findQuantities(text: string): Quantity[] {
  const found: Quantity[] = [];
  NUMBER.lastIndex = 0;
  for (let match = NUMBER.exec(text); match !== null; match = NUMBER.exec(text)) {
    const start = match.index;
    const numberText = match[0];
    const numberEnd = start + numberText.length;
    // Only a few characters either side matter; slicing the whole text made long actuals quadratic
    if (isDatePart(text, start, numberEnd, numberText)) continue;
    const value = numberValue(numberText);
    if (!Number.isFinite(value)) continue;
    const unitMatch = unitWithin(text, numberEnd, Math.min(text.length, numberEnd + AFTER));
    const end = numberEnd + (unitMatch?.length ?? 0);
    found.push({ value, unit: unitMatch?.unit ?? null, start, end, raw: text.slice(start, end) });
  }
  return found;
}

/**
 * Numbers with their units inside free text: "≥8400元", "29.5亩", "20,500.000000",
 * "健康管理等垂直领域应用创新1项，…100名患者" (scoring-rules.md §9.10).
 */
import { unitAt, type Unit } from './units.js';

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
/** "2022年", "12月", "12月30日" are parts of a date, not quantities. */
function isDatePart(before: string, numberText: string, after: string): boolean {
  if (/^\s*月/.test(after)) return true;
  if (/^\s*年/.test(after) && Number(numberText) >= 1900) return true;
  return /^\s*[日号]/.test(after) && /月\s*$/.test(before);
}

/** Every quantity in `text`, in order. Dates ("2022年", "12月") are left out. */
export function findQuantities(text: string): Quantity[] {
  const found: Quantity[] = [];
  for (const match of text.matchAll(NUMBER)) {
    const start = match.index ?? 0;
    const numberText = match[0];
    // Only a few characters either side matter; slicing the whole text made long actuals quadratic
    const afterNumber = text.slice(start + numberText.length, start + numberText.length + 8);
    if (isDatePart(text.slice(Math.max(0, start - 3), start), numberText, afterNumber)) continue;
    const value = Number(numberText.replace(/,/g, '').replace('－', '-'));
    if (!Number.isFinite(value)) continue;
    const unitMatch = unitAt(afterNumber);
    const end = start + numberText.length + (unitMatch?.length ?? 0);
    found.push({ value, unit: unitMatch?.unit ?? null, start, end, raw: text.slice(start, end) });
  }
  return found;
}

/** Number and text formatting for the page: scores with 2 decimals, amounts as typed, Chinese labels. */

/** A score as the form prints it: `87.50`; empty for null. */
export function fmtScore(value: number | null | undefined): string {
  return value === null || value === undefined || Number.isNaN(value) ? '' : value.toFixed(2);
}

/** A ratio as a percentage: 1 → `100%`, 0.4517 → `45.17%`. */
export function fmtPercent(value: number | null | undefined): string {
  if (value === null || value === undefined) return '—';
  return `${Number((value * 100).toFixed(2))}%`;
}

/** An amount cell's text while editing: the number as typed, without forced decimals. */
export function fmtAmount(value: unknown): string {
  return typeof value === 'number' ? String(value) : '';
}

/**
 * Reads an amount or score typed by a person: `20,500.00`, full-width digits and spaces are
 * accepted; empty text is null; anything else is `undefined` (not a number).
 */
export function parseNumberText(text: string): number | null | undefined {
  const clean = text
    .replace(/[\uFF10-\uFF19]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    .replace(/[．。]/g, '.')
    .replace(/[,，\s]/g, '');
  if (clean === '') return null;
  if (!/^[-+]?(\d+(\.\d*)?|\.\d+)$/.test(clean)) return undefined;
  return Number(clean);
}

/** Chinese name of a field path (core's, shared with the CLI). */
export { pathLabel } from '../core/schema/field-labels.js';

/**
 * Characters as a person counts them (code points, not UTF-16 units or bytes), whitespace included:
 * the size of a diff. A cell's length against its limit is core's `countChars` (no whitespace).
 */
export function charCount(text: string): number {
  let n = 0;
  for (const _ of text) n += 1;
  return n;
}

/** A local time for histories: `2024-05-06 14:03`. */
export function fmtTime(iso: string | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

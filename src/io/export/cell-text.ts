/**
 * A grid cell as printed text, for formats without number formats (.docx): the same display the
 * .xlsx number formats give (#,##0.00 amounts, 0.00% rates, 0.00 scores, weights as written).
 */
import { fixed } from '../../core/decimal.js';
import type { SheetCell } from './form-sheet.js';

/** 20500 → `20,500.00`. */
function amountText(value: number): string {
  const [whole = '', part] = fixed(value).split('.');
  const sign = whole.startsWith('-') ? '-' : '';
  const digits = sign ? whole.slice(1) : whole;
  const groups: string[] = [];
  for (let end = digits.length; end > 0; end -= 3) groups.unshift(digits.slice(Math.max(0, end - 3), end));
  return `${sign}${groups.join(',')}.${part}`;
}

/** The text a cell shows. */
export function cellText(cell: SheetCell): string {
  const v = cell.value;
  if (v === null) return '';
  if (typeof v === 'string') return v;
  if (cell.kind === 'amount') return amountText(v);
  if (cell.kind === 'rate') return `${fixed(v * 100)}%`;
  if (cell.kind === 'score') return fixed(v);
  return String(v);
}

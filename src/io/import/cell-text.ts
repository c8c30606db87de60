/**
 * Reading one cell's text: numbers stored as text (`20,500.00`, `4753.66万元`, full-width `１０`),
 * percentages (`97.80%`, 0.958), and labels compared without spaces or full-width forms.
 */

const FULL_WIDTH = /[０-９．，％＋－]/g;

/** Full-width digits and number marks to ASCII (`１０．５％` → `10.5%`); other text unchanged. */
export function halfWidthDigits(text: string): string {
  return text.replace(FULL_WIDTH, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0));
}

/** A label for matching: NFKC (full-width brackets and colons), no whitespace. */
export function labelKey(text: string): string {
  return text.normalize('NFKC').replace(/\s+/g, '');
}

// A number cell: optional sign, digits with thousands commas, decimals, then an optional unit
const NUMBER_CELL = /^([+-]?)(\d{1,3}(?:,\d{3}){1,6}|\d{1,15})(\.\d{1,12})?\s{0,3}(万元|元|亿元|分|%)?$/;

export interface CellNumber {
  value: number;
  unit: '万元' | '元' | '亿元' | '分' | '%' | null;
}

/** The number a cell holds as text, or null when it holds anything else. */
export function cellNumber(text: string): CellNumber | null {
  const t = halfWidthDigits(text.trim());
  const m = NUMBER_CELL.exec(t);
  if (!m) return null;
  const value = Number(`${m[1]}${m[2]!.replace(/,/g, '')}${m[3] ?? ''}`);
  if (!Number.isFinite(value)) return null;
  return { value, unit: (m[4] as CellNumber['unit']) ?? null };
}

/** An amount in the form's money unit: `4753.66万元` stays 4753.66 in 万元; `20500元` is 2.05 万元. */
export function amountIn(n: CellNumber, unit: '万元' | '元'): { value: number; converted: boolean } {
  const asIs = n.unit === null || n.unit === unit || n.unit === '分' || n.unit === '%';
  if (asIs) return { value: n.value, converted: false };
  const yuan = n.unit === '亿元' ? n.value * 1e8 : n.unit === '万元' ? n.value * 1e4 : n.value;
  const value = unit === '万元' ? yuan / 1e4 : yuan;
  return { value: Math.round(value * 1e6) / 1e6, converted: true };
}

/** A number as a form prints it: no float noise (0.1+0.2), no trailing zeros. */
export function formatNumber(value: number): string {
  return String(Math.round(value * 1e9) / 1e9);
}

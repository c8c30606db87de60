/**
 * 年度指标值 cells: one cell as written, or the system export's three columns 指标性质 / 指标值 /
 * 度量单位 (`≧` `735` `人次`; some exports print the operator as a code: `004 >=`). Actuals stored
 * as fractions (0.85) where the target is a percentage.
 */
import { isPlaceholder } from '../../core/parse/placeholder.js';
import { formatNumber } from './cell-text.js';
import type { GridCell } from './grid.js';
import type { Columns } from './grid-indicators.js';
import type { ReportBuilder } from './report.js';

/** `004 >=` → `>=`: the code before a system export's operator is dropped. */
export function operatorOf(text: string): string {
  return text
    .trim()
    .replace(/^\d{1,4}\s{0,4}(?=[^\d\s])/, '')
    .trim();
}

function cell(row: GridCell[], columns: Columns, key: 'sign' | 'value' | 'unit' | 'target'): GridCell | undefined {
  const c = columns.get(key);
  return c === undefined ? undefined : row[c];
}

/** The target as one string, recording how it was read. */
export function joinTarget(row: GridCell[], columns: Columns, path: string, report: ReportBuilder): string | null {
  const valueCell = cell(row, columns, 'value');
  if (!valueCell) {
    const targetCell = cell(row, columns, 'target');
    const text = targetCell ? valueText(targetCell) : '';
    if (targetCell && text !== '') report.took(path, targetCell.ref, text);
    return text === '' ? null : text;
  }
  const signCell = cell(row, columns, 'sign');
  const unitCell = cell(row, columns, 'unit');
  const sign = signCell ? operatorOf(signCell.text) : '';
  const value = valueText(valueCell);
  const unit = unitCell && !isPlaceholder(unitCell.text) ? unitCell.text.trim() : '';
  if (value === '' && sign === '') return null;
  const joined = `${sign}${value}${unit}`;
  const refs = [signCell, valueCell, unitCell]
    .filter((c): c is GridCell => !!c)
    .map((c) => c.ref)
    .join('+');
  const coded =
    signCell && sign !== signCell.text.trim() ? `，指标性质“${signCell.text.trim()}”去掉代码取“${sign}”` : '';
  report.infer(path, joined, `由指标性质/指标值/度量单位三列（${refs}）合成${coded}`);
  return joined;
}

/** A cell's text; a number cell shown without its format is printed without float noise. */
function valueText(c: GridCell): string {
  if (c.number !== undefined && c.text.trim() === String(c.number)) return formatNumber(c.number);
  return c.text.trim();
}

/** The actual as written; 0.85 in a row whose target is a percentage becomes 85%, reported. */
export function percentActual(c: GridCell, target: string | null, path: string, report: ReportBuilder): string | null {
  const text = valueText(c);
  if (text === '') return null;
  const n = c.number;
  const fraction = n !== undefined && !text.includes('%') && n > 0 && n <= 1.5 && !Number.isInteger(n);
  if (fraction && target && /[%％]|百分比/.test(target)) {
    const percent = `${formatNumber(c.number! * 100)}%`;
    report.infer(path, percent, `${c.ref} 存为小数 ${text}，指标值是百分数，按 ${percent} 读取`);
    return percent;
  }
  report.took(path, c.ref, text);
  return text;
}

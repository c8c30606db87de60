/**
 * How a drafter quotes the cells of a row in prose: names without the template's marks
 * (★, `指标1:`, `**`), values with 公文 operators (≥/≤, never `>=`), a bare actual carrying the
 * target's unit, and the cells that are not fit to quote (OCR fragments, `≥**人`, an actual that
 * copies the target's sign) named so the user fixes them. Pure.
 */
import { unitInName } from '../core/facts/row-unit.js';
import { isFillerText } from '../core/parse/placeholder.js';
import type { Indicator } from '../core/schema/form.js';
import type { IndicatorResult } from '../core/schema/report.js';
import { rowLabel } from '../core/schema/row-number.js';

/** Template marks before a name: ★, `指标1:`, `指标1`, `1.` (real forms 02, 06, 09, 12). */
const NAME_MARK =
  /^(?:[★☆*＊\s]{1,5}|指标\s{0,2}[0-9０-９]{1,3}\s{0,2}[:：、.．]?\s{0,2}|[0-9]{1,2}\s{0,2}[、.．]\s{0,2})/;

/** The indicator name as prose quotes it; `第N行指标` when the cell is empty. */
export function cleanName(name: string | null | undefined, index: number): string {
  let n = (name ?? '').replace(/\*\*/g, '').trim();
  for (let i = 0; i < 3; i++) {
    const m = NAME_MARK.exec(n);
    if (!m?.[0]) break;
    n = n.slice(m[0].length).trim();
  }
  return n || `${rowLabel(index)}指标`;
}

// ASCII and full-width operators as 公文 writes them (≥ ≤); `═100%` / `=100%` is the value itself
const OPERATORS: [RegExp, string][] = [
  [/>=|≧|＞＝|大于等于|大于或等于/g, '≥'],
  [/<=|≦|＜＝|小于等于|小于或等于/g, '≤'],
  [/^\s{0,3}[=＝═]{1,3}\s{0,3}/, ''],
  [/(?<![≥≤])>|＞/g, '高于'],
  [/(?<![≥≤])<|＜/g, '低于'],
  [/百分比/g, '%'],
];

/** A target or actual as prose quotes it: `>=95 %` → `≥95%`, `═100%` → `100%`, `不少于12 种` → `不少于12种`. */
export function cleanValue(value: string | null | undefined): string {
  let v = (value ?? '').trim();
  for (const [re, to] of OPERATORS) v = v.replace(re, to);
  // a space between a number and its unit: 12 种 → 12种
  return v
    .replace(/(\d)\s{1,4}(?=[^\d\s])/g, '$1')
    .replace(/\s{2,}/g, ' ')
    .trim();
}

const BARE_NUMBER = /^[0-9]{1,15}(?:\.[0-9]{1,10})?$/;
const UNIT_AFTER_NUMBER = /[0-9](?:\.[0-9]{1,10})?\s{0,2}(%|[^\d\s≥≤<>=，,。；;（(]{1,4})$/;

/** The unit written after the target's number: `≥735人次` → 人次, `43.2` → null. */
export function unitOfTarget(target: string): string | null {
  const m = UNIT_AFTER_NUMBER.exec(cleanValue(target));
  return m ? m[1]! : null;
}

/** An actual written as a bare number takes the target's unit: `735` with `≥735人次` → `735人次`. */
export function actualWithUnit(
  actual: string | null | undefined,
  target: string | null | undefined,
  name = '',
): string {
  const a = cleanValue(actual);
  if (!BARE_NUMBER.test(a)) return a;
  // the target's unit, else the one printed in the name (带动贫困户(人)): core's row unit rule
  const unit = (target ? unitOfTarget(target) : null) ?? unitInName(name)?.label ?? null;
  if (unit) return `${a}${unit}`;
  // a bare 100 for a 率 named without unit on either side (廊坊 完工率 100 / 100) reads as a percent
  return /率$/.test(name.trim()) && (!target || BARE_NUMBER.test(cleanValue(target))) && Number(a) <= 100 ? `${a}%` : a;
}

/** A target whose number has no unit takes the one printed in the name: `≤10` of `支持学者(人)` → `≤10人`. */
export function targetWithUnit(target: string | null | undefined, name = ''): string {
  const t = cleanValue(target);
  const unit = unitInName(name)?.label;
  return unit && /[0-9]$/.test(t) ? `${t}${unit}` : t;
}

/** Why a cell cannot be quoted as fact, or null when it can. */
export function unfitValue(value: string | null | undefined): string | null {
  const v = (value ?? '').trim();
  if (!v) return null;
  if (/\*{2}|＊{2}/.test(v)) return `含未填写的“**”`;
  // an OCR fragment: 5=50%, 3=100（an equation, not a value)
  if (/[0-9]\s{0,2}[=＝]\s{0,2}[0-9]/.test(v)) return '像是识别错误的片段';
  if (/[?？]{2}|�/.test(v)) return '含无法识别的字符';
  return null;
}

/** A cell of a row that must be fixed before a text may quote it. */
export interface CellToFix {
  field: 'target' | 'actual';
  label: '年度指标值' | '实际完成值';
  value: string;
  reason: string;
}

/** The cells of a row not fit to quote: garbage, a missing actual, an actual copying the target's sign. */
export function cellsToFix(ind: Indicator, result: IndicatorResult | null): CellToFix[] {
  const out: CellToFix[] = [];
  for (const [field, label] of [
    ['target', '年度指标值'],
    ['actual', '实际完成值'],
  ] as const) {
    const value = (ind[field] ?? '').trim();
    const reason = unfitValue(value);
    if (reason) out.push({ field, label, value, reason });
  }
  if (!(ind.target ?? '').trim() && !(ind.actual ?? '').trim()) {
    out.push({ field: 'actual', label: '实际完成值', value: '', reason: '与年度指标值均未填写' });
    return out;
  }
  const flags = result?.flags ?? [];
  if (flags.includes('actual-copied-sign') && !out.some((c) => c.field === 'actual')) {
    out.push({
      field: 'actual',
      label: '实际完成值',
      value: (ind.actual ?? '').trim(),
      reason: '照抄了指标值的比较符号，应填写实际数值',
    });
  }
  if (flags.includes('actual-missing') && !out.some((c) => c.field === 'actual')) {
    out.push({ field: 'actual', label: '实际完成值', value: '', reason: '未填写' });
  }
  return out;
}

/** One line for the user: `第4行实际完成值“≥266米”照抄了指标值的比较符号…，请核实后重填`. */
export function describeCellsToFix(index: number, cells: readonly CellToFix[]): string {
  const parts = cells.map((c) => `${c.label}${c.value ? `“${c.value}”` : ''}${c.reason}`);
  return `${rowLabel(index)}${parts.join('，')}，请核实后重填`;
}

/** `text` without closing 。；; marks (a loop: `/[。；;]+$/` is quadratic on a run of marks). */
export function trimEndMarks(text: string): string {
  let end = text.length;
  while (end > 0 && '。；;'.includes(text[end - 1]!)) end--;
  return text.slice(0, end);
}

/** The text a person already wrote in a cell, or null when it says nothing (无, 0, —). */
export function humanText(text: string | null | undefined): string | null {
  const t = (text ?? '').trim();
  if (!t || isFillerText(t)) return null;
  // ASCII punctuation between Chinese words (廊坊 “已完工,剩余3%尾款未付”) as 公文 writes it
  return t
    .replace(/(?<=[\u4e00-\u9fff%）)]),\s{0,2}(?=[\u4e00-\u9fff0-9])/g, '，')
    .replace(/(?<=[\u4e00-\u9fff]);\s{0,2}/g, '；');
}

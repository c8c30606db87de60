/**
 * Numbers in Chinese prose: finding every number a draft writes (with its unit and position),
 * and formatting the numbers the drafters write. Pure.
 */
import { Big } from '../core/decimal.js';

/** How a number is compared: scores must match exactly, money converts between 元 and 万元. */
export type NumberKind = 'score' | 'percent' | 'money' | 'other';

export interface FoundNumber {
  /** As written, with the unit: `296台`, `48%`. */
  text: string;
  value: number;
  /** Decimal places as written (rounding tolerance when compared). */
  decimals: number;
  unit: string | null;
  kind: NumberKind;
  span: [number, number];
}

const MONEY_FACTOR: Record<string, number> = { 元: 1, 千元: 1e3, 万元: 1e4, 亿元: 1e8 };

/** Units recognised after a number, longest first. Anything else counts as no unit. */
const UNITS = [
  '万元', '亿元', '千元', '元', '百分点', '%', '％', '‰', '个工作日', '工作日', '个月', '小时', '分钟', '平方米', '平方公里',
  '公里', '千米', '公顷', '万亩', '亩', '万吨', '吨', '公斤', '千克', '人次', '万人次', '万人', '万名', '万个', '万册', '万次',
  '人', '名', '位', '户', '家', '所', '个', '项', '次', '场', '篇', '份', '件', '台', '套', '种', '批', '期', '册', '本',
  '部', '张', '辆', '座', '处', '条', '株', '头', '只', '间', '栋', '块', '门', '届', '支', '队', '组', '村', '镇', '校',
  '首', '集', '例', '床', '宗', '起', '片', '班', '米', '年度', '年', '月', '日', '号', '天', '周', '季度', '倍', '分', 'P',
].sort((a, b) => b.length - a.length);

/** `分` is a score unless it starts a word: 分钟, 分析, 分配… */
const FEN_WORD = /^分(?:钟|之|析|配|布|类|别|批|期|摊|解|享|为|工|散|开|成|数|项|值|管|级|段|支|局|院|会|行)/;

export function kindOfUnit(unit: string | null): NumberKind {
  if (unit === '分') return 'score';
  if (unit === '%' || unit === '％' || unit === '百分点') return 'percent';
  if (unit && unit in MONEY_FACTOR) return 'money';
  return 'other';
}

/** The amount in 元 for a money unit, else the value itself. */
export function moneyFactor(unit: string | null): number {
  return (unit && MONEY_FACTOR[unit]) || 1;
}

function unitAfter(text: string, at: number): { unit: string | null; end: number } {
  let i = at;
  while (text[i] === ' ') i++;
  const rest = text.slice(i, i + 6);
  for (const u of UNITS) {
    if (rest.startsWith(u)) {
      if (u === '分' && FEN_WORD.test(rest)) return { unit: null, end: at };
      return { unit: u === '％' ? '%' : u, end: i + u.length };
    }
  }
  return { unit: null, end: at };
}

/** Spans of `〔待补充：…〕`-style placeholders. */
export const PLACEHOLDER = /〔(?:待补|待核|待确认|待填)[^〔〕]*〕|【(?:待补|待核|待确认|待填)[^【】]*】|\[(?:待补|待核|待确认|待填)[^[\]]*\]/g;

/** True when the text has a placeholder. */
export function hasPlaceholder(text: string): boolean {
  return text.search(PLACEHOLDER) >= 0;
}

function placeholderSpans(text: string): [number, number][] {
  return [...text.matchAll(PLACEHOLDER)].map((m) => [m.index, m.index + m[0].length]);
}

const CN_DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const CN_UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

/** 九十五 → 95, 一百 → 100, 三点五 → 3.5; null if it is not a plain numeral. */
export function parseChineseNumeral(s: string): number | null {
  const [intPart = '', fracPart] = s.split('点');
  let total = 0;
  let section = 0;
  let digit = -1;
  for (const ch of intPart) {
    if (ch in CN_DIGITS) {
      digit = CN_DIGITS[ch]!;
    } else if (ch in CN_UNITS) {
      section += (digit < 0 ? 1 : digit) * CN_UNITS[ch]!;
      digit = -1;
    } else if (ch === '万' || ch === '亿') {
      section += Math.max(digit, 0);
      total += section * (ch === '万' ? 1e4 : 1e8);
      section = 0;
      digit = -1;
    } else {
      return null;
    }
  }
  let value = total + section + Math.max(digit, 0);
  if (fracPart !== undefined) {
    let scale = 0.1;
    for (const ch of fracPart) {
      if (!(ch in CN_DIGITS)) return null;
      value += CN_DIGITS[ch]! * scale;
      scale /= 10;
    }
  }
  return value;
}

const CN_NUM = '[零〇一二两三四五六七八九十百千万亿点]';
const CN_PERCENT = new RegExp(`百分之(${CN_NUM}+)`, 'g');
const CN_WITH_UNIT = new RegExp(`(?<!${CN_NUM})(${CN_NUM}{2,})(分|万元|亿元|元)`, 'g');

/**
 * Every number in `text`: Arabic (half or full width, with thousands separators), and the
 * Chinese numerals that state a score, a percentage or money (九十五分, 百分之百, 两万元).
 * Skipped: numbers inside placeholders, list markers (`1.`, `（2）`, `3、`) and ordinals (`第3`).
 */
export function findNumbers(text: string): FoundNumber[] {
  // full-width digits and point → ASCII; same length, so spans stay valid
  const norm = text.replace(/[０-９．]/g, (c) => (c === '．' ? '.' : String.fromCharCode(c.charCodeAt(0) - 0xfee0)));
  const holes = placeholderSpans(norm);
  const inHole = (i: number) => holes.some(([a, b]) => i >= a && i < b);
  const out: FoundNumber[] = [];

  for (const m of norm.matchAll(/\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?/g)) {
    const start = m.index;
    let end = start + m[0].length;
    if (inHole(start)) continue;
    const before = norm[start - 1] ?? '';
    const after = norm[end] ?? '';
    if (before === '第') continue;
    const markerAfter = /^[、.)）:：]/.test(after) && !/\d/.test(norm[end + 1] ?? '');
    const atLineStart = before === '' || /[\n\s（(。；;：:]/.test(before);
    if ((markerAfter && atLineStart && !/^[:：]/.test(after)) || ((before === '（' || before === '(') && /^[)）]/.test(after))) continue;
    const numText = m[0].replace(/,/g, '');
    const value = Number(numText);
    if (!Number.isFinite(value)) continue;
    const decimals = numText.includes('.') ? numText.split('.')[1]!.length : 0;
    const { unit, end: unitEnd } = unitAfter(norm, end);
    end = unitEnd;
    out.push({ text: text.slice(start, end), value, decimals, unit, kind: kindOfUnit(unit), span: [start, end] });
  }

  for (const m of norm.matchAll(CN_PERCENT)) {
    if (inHole(m.index)) continue;
    const value = parseChineseNumeral(m[1]!);
    if (value === null) continue;
    const span: [number, number] = [m.index, m.index + m[0].length];
    out.push({ text: text.slice(...span), value, decimals: 0, unit: '%', kind: 'percent', span });
  }
  for (const m of norm.matchAll(CN_WITH_UNIT)) {
    if (inHole(m.index)) continue;
    const unit = m[2]!;
    if (unit === '分' && FEN_WORD.test(norm.slice(m.index + m[1]!.length, m.index + m[1]!.length + 2))) continue;
    if (norm.slice(Math.max(0, m.index - 2), m.index) === '百分') continue; // inside 百分之…
    const value = parseChineseNumeral(m[1]!);
    if (value === null) continue;
    const span: [number, number] = [m.index, m.index + m[0].length];
    out.push({ text: text.slice(...span), value, decimals: 0, unit, kind: kindOfUnit(unit), span });
  }
  return out.sort((a, b) => a.span[0] - b.span[0]);
}

/** The first number in a cell like `≥200台`, `2022年12月底前`, `100%`; null if none. */
export function firstQuantity(text: string | null | undefined): FoundNumber | null {
  if (!text) return null;
  return findNumbers(text)[0] ?? null;
}

/** Rounds half-up to at most `decimals` places and drops trailing zeros: 47.916 → "47.92", 1.50 → "1.5". */
export function formatNumber(value: number, decimals = 2): string {
  return new Big(value).round(decimals, Big.roundHalfUp).toString();
}

/** A fraction as a percentage: 0.48 → "48%", 1 → "100%". */
export function formatPercent(fraction: number, decimals = 2): string {
  return `${formatNumber(fraction * 100, decimals)}%`;
}

/** A score with two decimals where needed: 1.5 → "1.5", 87.5 → "87.5", 10 → "10". */
export function formatScore(value: number): string {
  return formatNumber(value, 2);
}

/** True when `written` (with `decimals` places) is `exact` rounded half-up, or equal to it. */
export function sameNumber(written: number, decimals: number, exact: number, allowRounding: boolean): boolean {
  if (Math.abs(written - exact) < 1e-9) return true;
  if (!allowRounding) return false;
  // Most pairs differ by far more than a rounding step: rule them out without allocating decimals
  const step = 10 ** -decimals;
  if (Math.abs(written - exact) > step) return false;
  return new Big(exact).round(decimals, Big.roundHalfUp).eq(new Big(written));
}

/** Counts characters as the cells do: every character but whitespace is one. */
export function countChars(text: string): number {
  let n = 0;
  for (const ch of text) if (!/\s/.test(ch)) n++;
  return n;
}

/** The UTF-16 index where the (n+1)-th counted character starts, or text.length. */
export function indexAfterChars(text: string, n: number): number {
  let count = 0;
  let i = 0;
  for (const ch of text) {
    if (!/\s/.test(ch)) {
      if (count === n) return i;
      count++;
    }
    i += ch.length;
  }
  return text.length;
}

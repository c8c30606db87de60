/**
 * Reads every quantity a narrative states, with its unit and what it claims to be (issue #13):
 * Arabic (`296台`, `1,066人`, `1.5万人次`), Chinese numerals (`二十五人`, `两万元`), words (`三成`,
 * `两倍`, `过半`, `百分之五十`) and approximations (`近`, `约`, `余`, `逾`, `左右`). Pure and linear:
 * one bounded regex pass, then a look at a few characters either side of each match.
 */
import { narrativeUnitAt, unitNamed, type Unit } from '../parse/units.js';
import { boundBefore, claimBefore, type Claim } from './claims.js';
import { CN_NUMERAL_CHARS, parseChineseNumeral } from './numerals.js';
import { placeholderSpans } from './placeholders.js';

export type Approx = 'about' | 'near' | 'over';

export interface NarrativeQuantity {
  /** As written, with its unit: `296台`, `近五成`, `百分之五十`. */
  text: string;
  span: [number, number];
  /** The number in its written unit (`1.5万人次` is 1.5 in 万人次). */
  value: number;
  /** Decimal places written (the rounding a derived figure may have). */
  decimals: number;
  unit: Unit | null;
  approx: Approx | null;
  claim: Claim;
  /** 不超过/≤ (le) or 不低于/≥ (ge) written before the number. */
  bound: 'ge' | 'le' | null;
  numeral: 'arabic' | 'chinese' | 'word';
}

/** A text longer than this is read only up to it (limits.ts caps narratives far below). */
export const MAX_READ = 20_000;

const CN = `[${CN_NUMERAL_CHARS}]{1,12}(?:点[零〇一二三四五六七八九]{1,6})?`;
const NUMBER = new RegExp(
  `百分之(${CN})|(过半|半数|一半|大半|翻一番|翻番)|(\\d{1,3}(?:,\\d{3}){1,5}(?:\\.\\d{1,8})?|\\d{1,15}(?:\\.\\d{1,8})?)|(${CN})`,
  'g',
);

const PERCENT = unitNamed('%')!;
const MULTIPLE = unitNamed('倍')!;
const CALENDAR_YEAR: Unit = { ...unitNamed('年度')!, label: '年' };
const DAY_OF_MONTH = unitNamed('号')!;
const WORDS: Record<string, { value: number; unit: Unit; approx: Approx | null }> = {
  过半: { value: 50, unit: PERCENT, approx: 'over' },
  大半: { value: 50, unit: PERCENT, approx: 'over' },
  半数: { value: 50, unit: PERCENT, approx: null },
  一半: { value: 50, unit: PERCENT, approx: null },
  翻番: { value: 2, unit: MULTIPLE, approx: null },
  翻一番: { value: 2, unit: MULTIPLE, approx: null },
};
/** Count words after a lone 一 are idiom (一批, 一次性, 一项重要), not a figure. */
const IDIOM_ONE = new Set(['count', 'person', 'organisation', 'household', 'person-time']);
const SCORE_CONTEXT = /(?:得|扣|减|计|为|评|共|满|合计|扣减)$/;
const FEN_WORD =
  /^分(?:钟|之|析|配|布|类|别|批|期|摊|解|享|为|工|散|开|成|数|项|值|管|级|段|支|局|院|会|行|离|担|流|子|区|队|组|量)/;

const FULL_WIDTH = /[０-９．]/;
const FULL_WIDTH_ALL = /[０-９．]/g;

/** Full-width digits as ASCII, one character for one (spans stay valid). */
function toAscii(text: string): string {
  if (!FULL_WIDTH.test(text)) return text;
  return text.replace(FULL_WIDTH_ALL, (c) => (c === '．' ? '.' : String.fromCharCode(c.charCodeAt(0) - 0xfee0)));
}

interface Raw {
  value: number;
  decimals: number;
  numeral: NarrativeQuantity['numeral'];
  unit: Unit | null;
  approx: Approx | null;
}

function numberOf(m: RegExpMatchArray): Raw | null {
  if (m[1] !== undefined) {
    const v = parseChineseNumeral(m[1]);
    return v === null ? null : { value: v, decimals: 0, numeral: 'word', unit: PERCENT, approx: null };
  }
  if (m[2] !== undefined) return { ...WORDS[m[2]]!, decimals: 0, numeral: 'word' };
  if (m[3] !== undefined) {
    const digits = m[3].includes(',') ? m[3].replace(/,/g, '') : m[3];
    const point = digits.indexOf('.');
    return {
      value: Number(digits),
      decimals: point < 0 ? 0 : digits.length - point - 1,
      numeral: 'arabic',
      unit: null,
      approx: null,
    };
  }
  const v = parseChineseNumeral(m[4]!);
  return v === null ? null : { value: v, decimals: 0, numeral: 'chinese', unit: null, approx: null };
}

const isLatin = (c: string): boolean => (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
const isDigit = (c: string): boolean => c >= '0' && c <= '9';

/** A list marker (`1.`, `（2）`, `3、`) or an ordinal (`第3`) or part of a name (`CogView2`, `3D`). */
function notAFigure(text: string, start: number, end: number): boolean {
  const before = text[start - 1] ?? '';
  const after = text[end] ?? '';
  if (before === '第' || isLatin(before) || (isLatin(after) && !/^(?:km|kW|MW|P\b)/.test(text.slice(end, end + 2))))
    return true;
  const markerAfter =
    (after === '、' || after === '.' || after === ')' || after === '）') && !isDigit(text[end + 1] ?? '');
  if (markerAfter && (before === '' || /[\n\s（(。；;：:]/.test(before))) return true;
  return (before === '（' || before === '(') && (after === ')' || after === '）');
}

/** The unit (and 余/多/左右) after a number ending at `end`; returns the new end. */
function unitAfter(text: string, end: number, raw: Raw): number {
  let at = end;
  if (/[余多]/.test(text[at] ?? '') && !/^多[种样元项]/.test(text.slice(at, at + 2))) {
    raw.approx = 'over';
    at++;
  }
  let read = narrativeUnitAt(text, at);
  if (raw.numeral === 'arabic' && !read && /[万亿]/.test(text[at] ?? '')) {
    raw.value *= text[at] === '万' ? 1e4 : 1e8;
    at++;
    read = narrativeUnitAt(text, at);
  }
  if (read) {
    raw.unit = read.unit;
    at = read.end;
  }
  if (text.startsWith('左右', at)) {
    raw.approx = 'about';
    at += 2;
  }
  return at;
}

/** Reads the calendar sense of 年/日 and drops what prose does not mean as a figure. */
function settle(text: string, start: number, raw: Raw): boolean {
  const u = raw.unit;
  if (u?.family === 'wan') {
    raw.value *= 1e4;
    raw.unit = null;
  }
  if (u?.label === '年' && Number.isInteger(raw.value) && raw.value >= 1900 && raw.value <= 2100)
    raw.unit = CALENDAR_YEAR;
  if ((u?.label === '日' || u?.label === '号') && text[start - 1] === '月') raw.unit = DAY_OF_MONTH;
  if (raw.numeral !== 'chinese') return true;
  if (!raw.unit) return false;
  if (raw.value === 1 && (IDIOM_ONE.has(raw.unit.family) || raw.unit.family.startsWith('count:'))) return false;
  // 十分重要, 万分感谢, 百分百: adverbs unless a score word stands before (得十分 is a score)
  if (raw.unit.family === 'score' && /^[十百万]分/.test(text.slice(start, start + 2)))
    return SCORE_CONTEXT.test(text.slice(Math.max(0, start - 2), start));
  return true;
}

// The words of an approximation before a number, two-character ones first (将近 before 近)
const APPROX_WORDS = ['将近', '接近', '大约', '近', '约', '逾'] as const;

/** The approximation word written just before `start` (将近, 约, 逾…), or ''. */
function approxBefore(text: string, start: number): string {
  for (const w of APPROX_WORDS) if (start >= w.length && text.startsWith(w, start - w.length)) return w;
  return '';
}

/**
 * The figure a number matched at `m` reads as, and where reading stops; null when prose does not
 * mean a figure there. An idiom (千家万户) is passed over whole, with no figure.
 */
function figureAt(text: string, m: RegExpExecArray): { raw: Raw | null; end: number } | null {
  const start = m.index;
  const raw = numberOf(m);
  if (!raw || !Number.isFinite(raw.value)) return null;
  const numberEnd = start + m[0].length;
  if (raw.numeral !== 'word' && notAFigure(text, start, numberEnd)) return null;
  // 数千人, 几十个, 上百家: a vague amount, not a figure to trace
  const prev = text[start - 1];
  if (raw.numeral === 'chinese' && (prev === '数' || prev === '几' || prev === '上')) return null;
  if (text.startsWith('千家万户', start)) return { raw: null, end: start + 4 };
  const end = raw.numeral === 'word' ? numberEnd : unitAfter(text, numberEnd, raw);
  if (raw.unit?.label === '分' && FEN_WORD.test(text.slice(end - 1, end + 1))) raw.unit = null;
  return { raw, end };
}

/** The quantity of a figure read from `start` to `end`, with what the words before it say. */
function quantityOf(
  input: string,
  text: string,
  start: number,
  end: number,
  raw: Raw,
  claims: boolean,
): NarrativeQuantity {
  const approx = approxBefore(text, start);
  if (approx) raw.approx = approx.endsWith('近') ? 'near' : approx === '逾' ? 'over' : 'about';
  const from = start - approx.length;
  const before = claims ? text.slice(Math.max(0, start - 16), start) : '';
  const said = claims ? claimBefore(before) : 'none';
  return {
    text: input.slice(from, end),
    span: [from, end],
    value: raw.value,
    decimals: raw.decimals,
    unit: raw.unit,
    approx: raw.approx,
    claim: raw.unit?.family === 'score' && said === 'none' ? 'score' : said,
    bound: claims ? boundBefore(before) : null,
    numeral: raw.numeral,
  };
}

/**
 * Every quantity in `text`, in order; placeholders' contents are not read. `claims: false` skips
 * reading what each claims (a source text only lends its figures).
 */
export function readQuantities(input: string, options: { claims?: boolean } = {}): NarrativeQuantity[] {
  const withClaims = options.claims ?? true;
  const text = toAscii(input.length > MAX_READ ? input.slice(0, MAX_READ) : input);
  const holes = placeholderSpans(text);
  const out: NarrativeQuantity[] = [];
  let readUpTo = 0; // a unit read after a number (万元) is not read again as a numeral
  NUMBER.lastIndex = 0; // one shared pattern, not a copy per call (matchAll would copy it)
  for (let m = NUMBER.exec(text); m !== null; m = NUMBER.exec(text)) {
    const start = m.index;
    if (start < readUpTo || (holes.length > 0 && holes.some(([a, b]) => start >= a && start < b))) continue;
    const figure = figureAt(text, m);
    if (!figure) continue;
    readUpTo = figure.end;
    if (!figure.raw || !settle(text, start, figure.raw)) continue;
    out.push(quantityOf(input, text, start, figure.end, figure.raw, withClaims));
  }
  return out;
}

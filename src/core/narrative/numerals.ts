/**
 * Chinese numerals as prose writes them: 二十五, 一百, 两万, 三点五, 千 (issue #13).
 */
const DIGITS: Record<string, number> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};
const SMALL_UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

/** The characters a Chinese numeral is made of (for a bounded character class). */
export const CN_NUMERAL_CHARS = '零〇一二两三四五六七八九十百千万亿';

function fraction(part: string): number | null {
  let value = 0;
  let scale = 0.1;
  for (const ch of part) {
    if (!(ch in DIGITS)) return null;
    value += DIGITS[ch]! * scale;
    scale /= 10;
  }
  return value;
}

/** 九十五 → 95, 一百 → 100, 两万 → 20000, 三点五 → 3.5; null if it is not a plain numeral. */
export function parseChineseNumeral(s: string): number | null {
  const [intPart = '', fracPart] = s.split('点');
  let total = 0;
  let section = 0;
  let digit = -1;
  for (const ch of intPart) {
    if (ch in DIGITS) {
      digit = DIGITS[ch]!;
    } else if (ch in SMALL_UNITS) {
      section += (digit < 0 ? 1 : digit) * SMALL_UNITS[ch]!;
      digit = -1;
    } else if (ch === '万' || ch === '亿') {
      section += Math.max(digit, 0);
      total += (section || 1) * (ch === '万' ? 1e4 : 1e8);
      section = 0;
      digit = -1;
    } else {
      return null;
    }
  }
  if (intPart === '') return null;
  const value = total + section + Math.max(digit, 0);
  if (fracPart === undefined) return value;
  const f = fraction(fracPart);
  return f === null ? null : value + f;
}

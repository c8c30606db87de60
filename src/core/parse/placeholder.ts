/**
 * Placeholder cells: "—", "-", "/", "*", "无", "……", and the template's "指标1:" rows
 * (scoring-rules.md §9.3; audit_agent maps the dash, slash and star marks to null).
 */
import { isSpace, skipSpaces } from './space.js';

const PLACEHOLDER = /^(?:[—–\-－/／*＊·.。…_＿\s]+|无|暂无|空|\/|null|N\/A|n\/a|不适用|指标\s*\d{1,4}\s*[:：]?)$/;

/**
 * Every character PLACEHOLDER's text holds but the ASCII digits, which are only its `\d{1,4}` bound (no
 * alternative starts with a digit): a cell starting with any other (a digit, ≥, a word) is no placeholder,
 * and "1项", "100%", "4个" are told so without the pattern (issue #9).
 */
const PLACEHOLDER_CHARS = new Set(
  Array.from(PLACEHOLDER.source, (c) => c.charCodeAt(0)).filter((c) => c < 0x30 || c > 0x39),
);

/** True for a cell that holds no value, only a template mark. */
export function isPlaceholder(text: string | null | undefined): boolean {
  if (text == null) return false;
  // Decided by the first character that is no space, without trimming, for most cells (issue #9)
  const i = skipSpaces(text, 0, text.length);
  if (i === text.length || !PLACEHOLDER_CHARS.has(text.charCodeAt(i))) return false;
  return PLACEHOLDER.test(text.trim());
}

/** True for an empty or placeholder cell. */
export function isBlank(text: string | null | undefined): boolean {
  return text == null || text.trim() === '' || isPlaceholder(text);
}

// One mark per step, never `[marks]+` inside the outer `+`: that nested quantifier took 13 s on 30 dashes
// followed by a word (issue #8). Every word below starts one way, so each character matches one way.
const FILLER =
  /^(?:[—–\-－/／*＊0０]|无|暂无|没有|无偏差|无偏差原因|无偏差说明|不存在偏差|不涉及|已完成|完成|见上|同上|略)+$/;

/**
 * Every character FILLER's text holds (its words, marks and syntax): a text with any other character
 * but a space or a stop cannot match it. Taken from the pattern itself, so the two never disagree.
 */
const FILLER_CHARS = new Set(Array.from(FILLER.source, (c) => c.charCodeAt(0)));
/** The stops `isFillerText` strips besides spaces. */
const STOPS = new Set(Array.from('。.、，,；;', (c) => c.charCodeAt(0)));

/** True when `text` holds a character that is no space, no stop and in no filler word: most real texts, at once. */
function hasOtherChar(text: string): boolean {
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (!isSpace(c) && !FILLER_CHARS.has(c) && !STOPS.has(c)) return true;
  }
  return false;
}

/** True for a narrative that says nothing: "无", "暂无", "0", "—" (临翔, 廊坊, dyrmt "暂无/暂无"). */
export function isFillerText(text: string | null | undefined): boolean {
  // Decided without copying the text when it has a word no filler has (issue #9: a copy of every long text)
  if (text == null || text === '') return true;
  if (hasOtherChar(text)) return false;
  const t = text.replace(/[\s。.、，,；;]/g, '');
  return t === '' || FILLER.test(t);
}

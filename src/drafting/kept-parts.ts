/**
 * The parts of a deviation text a revision must keep: the cause and the improvement measure a
 * person wrote (issue #13: `控制在80字以内` shortens the wording, not the cause or the measure).
 * A part counts as kept when most of its wording survives (shortening drops filler words, not
 * the substance) and every number in it is still there. Pure.
 */
import { parseNotes } from './notes.js';
import { findNumbers, PLACEHOLDER } from './numbers.js';

export interface HumanPart {
  label: '偏差原因' | '改进措施';
  text: string;
}

const CAUSE_LABEL = /(?:偏差原因|未完成原因|原因)\s{0,2}[:：]/;

/** Text before `偏差原因：` (the facts), dropped from what parseNotes reads as the cause. */
function withoutFacts(text: string): string {
  const at = CAUSE_LABEL.exec(text);
  return at ? text.slice(at.index) : text;
}

/** The cause and measure of a deviation text (labelled or not); placeholders are not a person's words. */
export function humanParts(text: string): HumanPart[] {
  const t = text.replace(PLACEHOLDER, '').trim();
  if (!t) return [];
  const parsed = parseNotes(withoutFacts(t));
  const out: HumanPart[] = [];
  const real = (s: string | null) => s && s.replace(/[\s，。；、]/g, '').length >= 4;
  if (real(parsed.cause)) out.push({ label: '偏差原因', text: parsed.cause! });
  if (real(parsed.measure)) out.push({ label: '改进措施', text: parsed.measure! });
  return out;
}

/** Overlapping pairs of Chinese characters: wording that survives a shortening keeps most of them. */
function bigrams(text: string): Set<string> {
  const chars = [...text.replace(/[^\u4e00-\u9fffA-Za-z0-9]/g, '')];
  const out = new Set<string>();
  for (let i = 0; i + 1 < chars.length; i++) out.add(chars[i]! + chars[i + 1]!);
  return out;
}

/** Share of a part's wording found in `after` below which the part counts as dropped. */
export const KEEP_RATIO = 0.5;

/** True when `after` still says `part`: most of its wording and all of its numbers. */
export function partKept(part: HumanPart, after: string): boolean {
  const want = bigrams(part.text);
  if (!want.size) return true;
  const have = bigrams(after);
  let hit = 0;
  for (const b of want) if (have.has(b)) hit++;
  const numbersKept = findNumbers(part.text).every((n) => findNumbers(after).some((m) => m.value === n.value));
  return numbersKept && hit / want.size >= KEEP_RATIO;
}

/** The person's parts of `before` that `after` no longer says. */
export function droppedParts(before: string, after: string): HumanPart[] {
  return humanParts(before).filter((p) => !partKept(p, after));
}

/** True when the user's message asks to change or remove the cause or the measure. */
export function asksToChange(message: string, label: HumanPart['label']): boolean {
  const word = label === '偏差原因' ? '原因' : '措施';
  const verb = '(?:改成|改为|换成|替换|删去|删除|去掉|不要|重写|修改)';
  const re = new RegExp(`${verb}[^。；]{0,12}${word}|${word}[^。；]{0,6}(?:${verb}|[:：])`);
  return re.test(message);
}

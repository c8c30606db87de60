/**
 * Deterministic text operations of the built-in drafter: tidy punctuation, split sentences,
 * shorten, make more formal, fit a character limit. Pure.
 */
import { countChars, hasPlaceholder, PLACEHOLDER } from './numbers.js';

/**
 * Joins the lines of a rendered outline (a blank line keeps a paragraph break) and tidies the
 * punctuation that empty variables or causes ending in 。 leave behind.
 */
export function normalizeText(text: string): string {
  const paragraphs = text
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map((p) =>
      p
        .split('\n')
        .map((l) => l.trim())
        .join(''),
    )
    .filter(Boolean);
  return paragraphs
    .map((p) =>
      p
        .replace(/(?<![ \t])[ \t]+(?=[\u3000-\u303f\uff00-\uffef\u4e00-\u9fff])/g, '')
        .replace(/([\u4e00-\u9fff\u3000-\u303f\uff00-\uffef])[ \t]+/g, '$1')
        .replace(/(?<![，、；：])[，、；：]+(?=。)/g, '')
        .replace(/。[，；、]+/g, '。')
        .replace(/。{2,}/g, '。')
        .replace(/，{2,}/g, '，')
        .replace(/^[，。；、]+/, ''),
    )
    .join('\n')
    .trim();
}

/** Sentences with their closing mark (。！？), in order; joined they give the text back. */
export function splitSentences(text: string): string[] {
  return text.split(/(?<=[。！？!?\n])/).filter((s) => s.length > 0);
}

const FILLERS: [RegExp, string][] = [
  // a placeholder's examples: 〔待补充：超额原因，如…等〕 → 〔待补充：超额原因〕
  [/(〔待补充：[^，,〕]*)[，,]如[^〕]*〕/g, '$1〕'],
  [/该指标年度指标值为/g, '指标值为'],
  [/，偏差原因及改进措施见相应指标说明/g, ''],
  [/，各项绩效指标完成情况如下：/g, '。'],
  [/经自评，/g, ''],
  [/进一步/g, ''],
  [/切实/g, ''],
  [/认真/g, ''],
  [/不断/g, ''],
  [/积极/g, ''],
  [/目前/g, ''],
  [/的情况/g, ''],
  [/年度指标值/g, '指标值'],
  [/实际完成值/g, '实际'],
];

/** Second step when a text is still too long: short labels and bare placeholders. */
const HARDER: [RegExp, string][] = [
  [/〔待补充：[^〕]*〕/g, '〔待补充〕'],
  [/偏差原因[:：]/g, '原因：'],
  [/改进措施[:：]/g, '措施：'],
  // 完成率 and 偏差率 say the same thing: the 偏差率 (or 超出…%) is kept
  [/完成率[0-9.]{1,12}%，(?=偏差率|超出)/g, ''],
  [/，实际完成/g, '，实际'],
  [/(今后|后续)将/g, '$1'],
  [/指标值为/g, '指标值'],
];

export function compactHarder(text: string): string {
  let t = compact(text);
  for (const [re, to] of HARDER) t = t.replace(re, to);
  return normalizeText(t);
}

/** Drops asides in brackets (not placeholders) and filler words. */
export function compact(text: string): string {
  // an aside with a number may be a fact (（剩余3%尾款）): only wording asides go
  let t = text.replace(/（[^（）〔〕0-9]*）|\([^()〔〕0-9]*\)/g, '');
  for (const [re, to] of FILLERS) t = t.replace(re, to);
  // a word left doubled by a dropped aside: 建设（科研大装置建设）建设 → 建设
  t = t.replace(/([\u4e00-\u9fff]{2})\1/g, '$1');
  return normalizeText(t);
}

const FORMAL: [RegExp, string][] = [
  [/我们|咱们|我单位|我局|我院|我馆|我校|我司/g, '本单位'],
  [/(?<!自)我(?!国)/g, '本单位'],
  [/搞好/g, '做好'],
  [/搞/g, '开展'],
  [/马上/g, '及时'],
  [/赶紧|赶快/g, '尽快'],
  [/没有/g, '未'],
  [/没能/g, '未能'],
  [/但是/g, '但'],
  [/所以/g, '因此'],
  [/因为/g, '由于'],
  [/还要/g, '还需'],
  [/会(?=[加继进做推完提落抓强改优])/g, '将'],
  [/非常|特别/g, '十分'],
  [/很(?=[好大多高低少快慢])/g, '较'],
  [/挺/g, '较'],
  [/一下/g, ''],
  [/的话/g, ''],
  [/！|!/g, '。'],
  [/~|～/g, ''],
  [/啥/g, '何'],
  [/咋/g, '如何'],
];

/** Replaces colloquial words with 公文 wording. `changed` is false when nothing was colloquial. */
export function formalize(text: string): { text: string; changed: boolean } {
  let t = text;
  for (const [re, to] of FORMAL) t = t.replace(re, to);
  t = normalizeText(t);
  if (t && !/[。！？]$/.test(t)) t += '。';
  return { text: t, changed: t !== text };
}

/** True when the text already states an improvement measure. */
export function hasMeasure(text: string): boolean {
  return /改进措施|整改措施|后续将|下一步|今后将|下阶段|将进一步|将加强|将加快|将科学|将严格|将完善/.test(text);
}

/** Cuts a sentence at its last clause mark (never inside a placeholder) so it fits `room` characters, ending in 。. */
function cutSentence(sentence: string, room: number, midWordAllowed = true): string {
  if (room < 2) return '';
  const body = sentence.replace(/[。！？；;]$/, '');
  const holes = [...body.matchAll(PLACEHOLDER)].map((m) => [m.index, m.index + m[0].length] as const);
  const inHole = (i: number) => holes.some(([a, b]) => i > a && i < b);
  // cut points: clause marks outside placeholders (not after a label's colon: it needs its content)
  const cuts: number[] = [];
  for (let i = 0; i < body.length; i++) {
    if (/[，、；]/.test(body[i]!) && !inHole(i)) cuts.push(i);
  }
  // Where the text before each index ends without its trailing clause marks, in one pass: slicing and
  // stripping a head per cut was quadratic on a run of marks (issue #8)
  const contentEnd: number[] = [0];
  for (let i = 0; i < body.length; i++) contentEnd.push(/[，、：；]/.test(body[i]!) ? contentEnd[i]! : i + 1);
  let end = 0;
  let count = 0;
  for (const at of cuts) {
    const headEnd = contentEnd[at]!;
    if (headEnd === end) continue;
    const more = countChars(body.slice(end, headEnd));
    // heads only grow: past the first that does not fit, none will
    if (count + more + 1 > room) break;
    count += more;
    end = headEnd;
  }
  let best = body.slice(0, end);
  if (!best) {
    // A half word ("设定指。") reads worse than a missing sentence: only the first sentence may be cut mid-clause
    if (!midWordAllowed) return '';
    // no clause fits: cut by characters, then back off to before any placeholder it would split
    let taken = '';
    let takenChars = 0;
    for (const ch of body) {
      const add = /\s/.test(ch) ? 0 : 1; // as countChars counts
      if (takenChars + add + 1 > room) break;
      takenChars += add;
      taken += ch;
    }
    // never split a placeholder: drop the sentence instead
    if (holes.some(([a, b]) => taken.length > a && taken.length < b)) return '';
    best = taken.replace(/(?<![，、：；])[，、：；]+$/, '');
  }
  // a stub ("偏差原因") says nothing
  return countChars(best) >= 6 ? `${best}。` : '';
}

/**
 * Shortens `text` to at most `max` characters: first drops asides and filler words, then whole
 * sentences that are not `important` (from the end), then cuts clauses of the last sentence that
 * still fits partly. The result always fits.
 */
export function fitToLength(text: string, max: number, important: (sentence: string) => boolean = () => false): string {
  if (countChars(text) <= max) return text;
  let t = compact(text);
  if (countChars(t) <= max) return t;
  t = compactHarder(t);
  if (countChars(t) <= max) return t;

  let sentences = splitSentences(t);
  // drop unimportant sentences from the end, keeping the first and the last
  for (let i = sentences.length - 2; i > 0 && countChars(sentences.join('')) > max; i--) {
    if (!important(sentences[i]!) && !hasPlaceholder(sentences[i]!)) sentences.splice(i, 1);
  }
  t = sentences.join('');
  if (countChars(t) <= max) return normalizeText(t);

  // keep whole sentences while they fit, then cut the next one
  sentences = splitSentences(t);
  let out = '';
  for (const s of sentences) {
    if (countChars(out + s) <= max) {
      out += s;
      continue;
    }
    out += cutSentence(s, max - countChars(out), out === '');
    break;
  }
  return normalizeText(out);
}

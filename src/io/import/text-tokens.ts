/**
 * Pasted text as tokens: the pieces between spaces, line breaks, `|` and tabs, each with the line
 * it came from and the kind of break before it. Labels glued to their neighbours (text that lost
 * its cell boundaries) are cut apart by `splitAt`.
 */

export type Break = 'start' | 'space' | 'newline' | 'blank' | 'cell';

export interface Token {
  text: string;
  line: number;
  before: Break;
}

const PINYIN = /\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,8}\)/g;

/** Splits text into tokens. Repost mojibake `項(xiàng)目` loses its pinyin. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  const lines = text.replace(/\r\n?/g, '\n').replace(PINYIN, '').split('\n');
  let pending: Break = 'start';
  lines.forEach((line, index) => {
    if (line.trim() === '') {
      if (tokens.length > 0) pending = 'blank';
      return;
    }
    let sep: Break | null = tokens.length === 0 ? 'start' : pending;
    for (const m of line.matchAll(/([|\t])|( {1,400}|\u3000{1,400})|([^|\t \u3000]{1,100000})/g)) {
      if (m[1]) sep = sep === null || sep === 'space' ? 'cell' : sep;
      else if (m[2]) sep ??= 'space';
      else {
        tokens.push({ text: m[3]!, line: index + 1, before: sep ?? 'space' });
        sep = null;
      }
    }
    pending = 'newline';
  });
  return tokens;
}

/** True when the break ends a table cell (not a wrapped line inside one). */
export function isHardBreak(b: Break): boolean {
  return b === 'space' || b === 'cell' || b === 'start';
}

/** Where a token came from, for the report. */
export function lineRef(token: Token | undefined): string {
  return token ? `第${token.line}行` : '';
}

/** Joins tokens back into text: wrapped lines join directly, a break after 。/：/: stays a line break. */
export function joinTokens(tokens: Token[]): string {
  let out = '';
  tokens.forEach((t, i) => {
    if (i > 0) {
      if (t.before === 'space' || t.before === 'cell') out += ' ';
      else if (/[。：:！？]$/.test(out) && !/^[。，、；）)”]/.test(t.text)) out += '\n';
    }
    out += t.text;
  });
  return out;
}

/** Cuts tokens so that each match of `pattern` (in the tokens' joined text) is a token of its own. */
export function splitAt(tokens: Token[], pattern: RegExp): Token[] {
  const out: Token[] = [];
  for (const token of tokens) {
    let last = 0;
    const flags = pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`;
    for (const m of token.text.matchAll(new RegExp(pattern.source, flags))) {
      const start = m.index ?? 0;
      if (m[0] === '') continue;
      const before = last === 0 ? token.before : 'space';
      if (start > last) out.push({ ...token, text: token.text.slice(last, start), before });
      out.push({ ...token, text: m[0], before: start === 0 ? token.before : 'space' });
      last = start + m[0].length;
    }
    const before = last === 0 ? token.before : 'space';
    if (last < token.text.length) out.push({ ...token, text: token.text.slice(last), before });
  }
  return out;
}

/**
 * The register of a 公文 cell (issue #13): no colloquial first person (本单位、我单位 are normal),
 * no English outside names the form itself uses, no Markdown, no preamble such as
 * `以下是修改后的文本：`. `stripWrapper` removes what can be removed; the checks flag the rest.
 */
import type { CheckIssue } from './types.js';

/** 我们, 咱(们), 本人, 笔者, a lone 我 — not 我国/我省/我市/我单位/我院/我校/我局/我委 or 自我. */
const FIRST_PERSON = /我们|咱们|咱|笔者|本人|(?<!自)我(?![国省市区县院校局委厅所单部中司会站馆])/g;
const MARKDOWN = /\*\*|__|`|^#{1,6}[ \t]|^[ \t]*[-*+][ \t]|^[ \t]*>[ \t]/gm;
const PREAMBLE =
  /^(?:好的|当然|以下是|下面是|根据您的要求|按照您的要求|已为您|这是|修改后的)[^\n。]{0,40}?[:：][ \t]*\n?/;
const LATIN_WORD = /[A-Za-z][A-Za-z'-]{1,40}/g;

/** Removes a preamble, Markdown emphasis and heading marks, and wrapping quotes. */
export function stripWrapper(raw: string): { text: string; stripped: string[] } {
  const stripped: string[] = [];
  let text = raw.trim();
  const pre = PREAMBLE.exec(text);
  if (pre) {
    stripped.push(pre[0].trim());
    text = text.slice(pre[0].length).trim();
  }
  const unmarked = text.replace(/\*\*|__|`/g, '').replace(/^#{1,6}[ \t]+/gm, '');
  if (unmarked !== text) stripped.push('Markdown');
  text = unmarked;
  if (/^[“"「]/.test(text) && /[”"」]$/.test(text) && !/[“"「]/.test(text.slice(1, -1))) text = text.slice(1, -1);
  return { text, stripped };
}

/** First person, English words the form does not use, Markdown and a preamble. */
export function checkRegister(text: string, formWords: ReadonlySet<string>): CheckIssue[] {
  const issues: CheckIssue[] = [];
  for (const m of text.matchAll(FIRST_PERSON)) {
    issues.push({
      code: 'first_person',
      span: [m.index, m.index + m[0].length],
      message: `出现第一人称“${m[0]}”，应改用“本项目”“本单位”等`,
    });
  }
  for (const m of text.matchAll(LATIN_WORD)) {
    if (formWords.has(m[0].toLowerCase())) continue;
    issues.push({
      code: 'english',
      span: [m.index, m.index + m[0].length],
      message: `出现英文“${m[0]}”：表中没有这个名称，应使用中文`,
    });
  }
  for (const m of text.matchAll(MARKDOWN)) {
    issues.push({
      code: 'markdown',
      span: [m.index, m.index + m[0].length],
      message: `出现Markdown标记“${m[0].trim()}”，单元格只能是纯文本`,
    });
  }
  const pre = PREAMBLE.exec(text);
  if (pre)
    issues.push({ code: 'preamble', span: [0, pre[0].length], message: `开头“${pre[0].trim()}”不是正文，应删除` });
  return issues;
}

/** The Latin words a form's texts use (names such as FlagAI, EVA), lower-cased. */
export function latinWords(texts: readonly string[]): Set<string> {
  const out = new Set<string>();
  for (const t of texts) for (const m of t.matchAll(LATIN_WORD)) out.add(m[0].toLowerCase());
  return out;
}

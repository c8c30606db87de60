/**
 * Causes are never invented (issue #13): a cause a text states (因…, 由于…, 受…影响, 原因是…)
 * must come from the notes, the cell's existing human text or the chat; otherwise the draft
 * leaves a 〔待补充：…〕 placeholder. A cause is taken as sourced when at least half of its
 * two-character words that do not merely restate the row appear in those texts.
 */
import { PLACEHOLDER } from '../../narrative/placeholders.js';
import type { CheckIssue } from './types.js';

/** Where a cause starts. 因此/因而/因素 are not causes; the clause runs to 。；or a line end. */
export const CAUSE_MARKER =
  /由于|因为|(?<!原)因(?![此而素地材])|受到?(?=[^，。；\n]{0,20}(?:影响|支持|限制|制约))|得益于|鉴于|原因(?:主要)?(?:是|为|在于|有|[:：])|主要是|系(?=[^，。；\n]{0,4}(?:原因|所致))/g;

const SENTENCE_END = /[。；;！!\n]/;

// Words any deviation text uses to restate its row; they prove nothing about where a cause comes from.
const NEUTRAL =
  '年度指标值实际完成值完成情况完成率偏差率偏差原因分析改进措施超出上限下限指标值目标值超额完成未完成未达到达到低于高于' +
  '反向指标正向指标定性指标达成部分达成未达成得分分值扣分本项目本单位我单位项目实施年度绩效目标设定预期影响导致造成主要' +
  '原因由于因为情况工作相关方面存在问题一定程度较多较少实际数量计划';

function bigrams(text: string): Set<string> {
  const out = new Set<string>();
  const han = text.replace(/[^\u4e00-\u9fff]+/g, '|');
  for (let i = 0; i + 1 < han.length; i++) {
    const pair = han.slice(i, i + 2);
    if (!pair.includes('|')) out.add(pair);
  }
  return out;
}

const NEUTRAL_PAIRS = bigrams(NEUTRAL);

export interface CauseStatement {
  span: [number, number];
  content: string;
}

/** The causes a text states, each from its marker to the end of its sentence, placeholders removed. */
export function causeStatements(text: string): CauseStatement[] {
  const out: CauseStatement[] = [];
  let doneUpTo = 0;
  for (const m of text.matchAll(CAUSE_MARKER)) {
    if (m.index < doneUpTo) continue;
    const rest = text.slice(m.index);
    const stop = rest.search(SENTENCE_END);
    const end = m.index + (stop < 0 ? rest.length : stop);
    doneUpTo = end;
    out.push({ span: [m.index, end], content: text.slice(m.index + m[0].length, end).replace(PLACEHOLDER, '') });
  }
  return out;
}

/** Issues for causes not found in `sources`; `rowWords` are the row's own texts (restating them is fine). */
export function checkCauses(text: string, sources: readonly string[], rowWords: string): CheckIssue[] {
  const known = bigrams(sources.join('|'));
  const neutral = new Set([...NEUTRAL_PAIRS, ...bigrams(rowWords)]);
  const issues: CheckIssue[] = [];
  for (const cause of causeStatements(text)) {
    const words = [...bigrams(cause.content)].filter((w) => !neutral.has(w));
    if (words.length < 2) continue;
    const sourced = words.filter((w) => known.has(w)).length;
    if (sourced * 2 >= words.length) continue;
    issues.push({
      code: 'invented_cause',
      span: cause.span,
      message: `原因“${text.slice(...cause.span)}”不见于补充事实、单元格原文或对话：请改为〔待补充：偏差原因〕，由填报人据实填写`,
    });
  }
  return issues;
}

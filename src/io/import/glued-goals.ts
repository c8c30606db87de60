/**
 * 年度总体目标 whose 预期目标 and 实际完成情况 cells ran together. Published forms often restate
 * the target as the outcome, so a run that ends with the same clauses twice (`…基础,对项目区…基础,
 * 对项目区…基础,`) is cut between them; otherwise the run stays 预期目标 and the report says the
 * 实际完成情况 could not be told apart.
 */
import type { FormInput } from '../../core/schema/form.js';
import { labelKey } from './cell-text.js';
import { FUNDING_TITLE } from './labels.js';
import type { ReportBuilder } from './report.js';
import { isLabel } from './text-labels.js';
import { joinTokens, lineRef, type Token } from './text-tokens.js';

const CLAUSE_END = /[,，。；;]/;
/** Each clause end is compared with the text before it: longer runs are not searched. */
const MAX_GOAL_RUN = 5000;

/** The start of the longest clause-aligned tail that also ends the text before it, or -1. */
export function repeatedTail(text: string): number {
  if (text.length > MAX_GOAL_RUN) return -1;
  for (let k = 1; k < text.length; k++) {
    if (!CLAUSE_END.test(text[k - 1]!)) continue;
    const tail = text.slice(k);
    if (tail.length >= 4 && text.slice(0, k).endsWith(tail)) return k;
  }
  return -1;
}

/** 预期目标 and 实际完成情况 from the goal block's run. */
export function gluedGoals(tokens: Token[], report: ReportBuilder): FormInput['goals'] {
  const body = tokens.filter((t) => !isLabel(t.text) && !FUNDING_TITLE.test(labelKey(t.text)));
  if (body.length === 0) return undefined;
  const text = joinTokens(body);
  const from = lineRef(body[0]);
  const cut = repeatedTail(text);
  if (cut < 0) {
    report.took('goals.expected', from, text);
    report.miss(from, text, '预期目标与实际完成情况连成一串，无法分开：全部作为预期目标，请补填实际完成情况');
    return { expected: text, actual: null };
  }
  const goals = { expected: text.slice(0, cut), actual: text.slice(cut) };
  report.infer('goals.expected', goals.expected, `${from}预期目标与实际完成情况连成一串，按重复出现的末尾分句拆分`);
  report.infer('goals.actual', goals.actual, `${from}末尾分句重复了预期目标的结尾，作为实际完成情况`);
  return goals;
}

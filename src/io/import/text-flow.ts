/**
 * A 自评表 from flowing pasted text (a PDF or web page copied as text, like the seed's .txt and
 * the fixtures' *_raw.txt): sections are found by their labels, in order — header, 项目资金,
 * 年度总体目标, the indicator table, 总分.
 */
import type { Form, FormInput } from '../../core/schema/form.js';
import { assembleForm } from './assemble.js';
import { cellNumber, labelKey } from './cell-text.js';
import type { HeaderFields } from './grid-header.js';
import {
  ANY_HEADER_LABEL,
  FOOTER,
  FUNDING_TITLE,
  GOAL_ACTUAL,
  GOAL_EXPECTED,
  HEADER_LABELS,
  INDICATOR_COLUMNS,
  type IndicatorColumn,
  LEVEL1,
  LEVEL2,
  TOTAL_LABEL,
} from './labels.js';
import type { ReportBuilder } from './report.js';
import { gluedGoals } from './glued-goals.js';
import { hasGluedCells, splitGluedLabels } from './glued-labels.js';
import { splitGluedNumbers } from './glued-numbers.js';
import { rowOrder, unglueRows } from './glued-rows.js';
import { readTextFunding } from './text-funding.js';
import { findToken, isLabel, joinBrokenLabels } from './text-labels.js';
import { readTextRows } from './text-rows.js';
import { isTraditional, toSimplified } from './traditional.js';
import { joinTokens, lineRef, tokenize, type Token } from './text-tokens.js';

/** A 总分 row's 分值 or 得分 is at most this (forms with 110 or 120 points exist); more is two numbers run together. */
const MAX_TOTAL = 200;
const YEAR = /(?<!\d)((?:19|20)\d{2})\s{0,3}年度/;
const FUNDING_START = /^(?:年初预算(?:数)?|全年预算数|调整后预算数|预算数)(?:\(A\))?$/;
const TABLE_START = /^(?:一级指标|二级指标|三级指标)$/;
const TABLE_END = /^(?:总分|其他需要说明事项|自评总分)$/;

function header(tokens: Token[], text: string, report: ReportBuilder): HeaderFields {
  const fields: HeaderFields = {
    year: null,
    formType: /部门整体(?:支出)?绩效自评/.test(text) ? 'department' : 'project',
    name: null,
    department: null,
    implementer: null,
    manager: null,
    phone: null,
  };
  const year = YEAR.exec(text);
  if (year) {
    fields.year = Number(year[1]);
    report.took('year', `第${text.slice(0, year.index).split('\n').length}行`, fields.year);
  }
  if (fields.formType === 'department') report.layouts.add('department');
  for (const key of ['name', 'department', 'implementer', 'manager', 'phone'] as const) {
    // The first label with a value: 主管部门(盖章): may stand empty above the real one
    for (let at = findToken(tokens, HEADER_LABELS[key]); at >= 0; at = findToken(tokens, HEADER_LABELS[key], at + 1)) {
      const value = tokens[at + 1];
      const notValue = !value || isLabel(value.text) || ANY_HEADER_LABEL.test(labelKey(value.text));
      if (notValue || /^单位[:：]/.test(value.text)) continue;
      fields[key] = value.text;
      report.took(`project.${key}`, lineRef(value), value.text);
      break;
    }
  }
  return fields;
}

/** Splits the goals tokens into 预期目标 and 实际完成情况. */
function goals(tokens: Token[], report: ReportBuilder): FormInput['goals'] {
  const body = tokens.filter(
    (t) =>
      !isLabel(t.text) &&
      !FUNDING_TITLE.test(labelKey(t.text)) &&
      !/^(?:年度|总体|目标|年|度|总|体|标|指标|绩效|年度绩效指标完成情况)$/.test(t.text),
  );
  if (body.length === 0) return undefined;
  const heading = body.findIndex((t) => /完成情况[:：]$/.test(t.text) && t.before !== 'space');
  let expected: Token[];
  let actual: Token[];
  if (heading > 0) {
    expected = body.slice(0, heading);
    actual = body.slice(heading + 1);
    report.skip(lineRef(body[heading]), body[heading]!.text, '小标题，用作预期目标与实际完成情况的分界');
  } else {
    const cut = body.findIndex((t, k) => k > 0 && t.before !== 'newline');
    expected = cut > 0 ? body.slice(0, cut) : body;
    actual = cut > 0 ? body.slice(cut) : [];
  }
  const text = (list: Token[]) => (list.length ? joinTokens(list) : null);
  const result = { expected: text(expected), actual: text(actual) };
  if (result.expected) report.took('goals.expected', lineRef(expected[0]), result.expected);
  if (result.actual) report.took('goals.actual', lineRef(actual[0]), result.actual);
  return result;
}

function selfTotal(tokens: Token[], report: ReportBuilder, glued: boolean): number | null {
  // 总分 100 100 run together (`100100`): 分值 then 得分, the 得分 no more than the 分值
  const first = tokens[0];
  if (glued && first && cellNumber(first.text) !== null && (cellNumber(first.text)?.value ?? 0) > MAX_TOTAL) {
    const split = splitGluedNumbers(first.text, ['amount', 'amount'], { weight: 0, score: 1, maxAmount: MAX_TOTAL });
    if (!split) {
      report.miss(lineRef(first), first.text, '总分一行的数字粘连，无法唯一拆分为分值和得分');
      return null;
    }
    const why = `${lineRef(tokens[0])}总分一行的数字粘连“${tokens[0]!.text}”，拆为分值${split[0]}、得分${split[1]}`;
    report.infer('selfTotal', split[1]!, why);
    return split[1]!;
  }
  const numbers = tokens.filter((t) => cellNumber(t.text) !== null);
  const last = numbers[numbers.length - 1];
  if (!last) return null;
  report.took('selfTotal', lineRef(last), cellNumber(last.text)!.value);
  return cellNumber(last.text)!.value;
}

/** The text's tokens, labels joined; text whose cells ran together has its labels cut out too. */
function textTokens(text: string, report: ReportBuilder): { tokens: Token[]; glued: boolean } {
  const tokens = joinBrokenLabels(tokenize(text));
  if (!hasGluedCells(tokens)) return { tokens, glued: false };
  const why = '文本丢失了单元格边界（各格连成一串），按表单标签和各列规则拆分；拆分处均列在推断中，请核对';
  report.infer('*', null, why);
  return { tokens: joinBrokenLabels(splitGluedLabels(tokens)), glued: true };
}

/** 总分 from the tokens after the table; 注/填报人/日期 lines are skipped and reported. */
function tailTotal(tail: Token[], report: ReportBuilder, glued: boolean): number | null {
  const footerAt = tail.findIndex((t, k) => k > 0 && FOOTER.test(labelKey(t.text)));
  const totalTokens = footerAt > 0 ? tail.slice(0, footerAt) : tail;
  if (footerAt > 0) {
    const footer = joinTokens(tail.slice(footerAt));
    report.skip(lineRef(tail[footerAt]), footer, '表尾（注、填报人、日期等），不属于表单内容');
  }
  const totalAt = totalTokens.findIndex((t) => TOTAL_LABEL.test(labelKey(t.text)));
  return totalAt >= 0 ? selfTotal(totalTokens.slice(totalAt + 1, totalAt + 4), report, glued) : null;
}

/** Reads the form from flowing text. */
export function formFromText(source: string, report: ReportBuilder, fallbackYear: number): Form {
  report.layouts.add('flowing-text');
  const text = isTraditional(source) ? toSimplified(source) : source;
  if (text !== source) report.infer('*', null, '文本为繁体字（转载页面），已按简体读取');
  const { tokens, glued } = textTokens(text, report);
  const fundingAt = findToken(tokens, FUNDING_START);
  const tableAt = findToken(tokens, TABLE_START, Math.max(0, fundingAt));
  const goalsAt = findToken(tokens, GOAL_EXPECTED, 0, tableAt >= 0 ? tableAt : tokens.length);
  const endAt = tableAt >= 0 ? findToken(tokens, TABLE_END, tableAt) : -1;
  const end = endAt >= 0 ? endAt : tokens.length;
  const starts = [fundingAt, goalsAt, tableAt, end].filter((i) => i >= 0);
  const nextAfter = (at: number) => Math.min(...starts.filter((i) => i > at), end);
  const fields = header(tokens.slice(0, Math.min(...starts)), text, report);
  const fundingTokens = fundingAt >= 0 ? tokens.slice(Math.max(0, fundingAt - 3), nextAfter(fundingAt)) : [];
  const funding = fundingAt >= 0 ? readTextFunding(fundingTokens, report, glued) : undefined;
  if (!funding) report.miss('项目资金', '', '未找到项目资金表头（年初预算数/全年预算数/全年执行数）');
  const goalTokens =
    goalsAt < 0 ? [] : tokens.slice(goalsAt, nextAfter(goalsAt)).filter((t) => !GOAL_ACTUAL.test(labelKey(t.text)));
  const tableRun = tableAt >= 0 ? tableTokens(tokens.slice(tableAt, end)) : [];
  const order = rowOrder(headerColumns(tokens.slice(tableAt, end)));
  if (order.length === 5) report.rowColumns = order;
  const table = glued ? unglueRows(tableRun, order, report) : tableRun;
  if (tableAt < 0) report.miss('绩效指标', '', '未找到指标表头（一级指标/二级指标/三级指标）');
  const indicators = readTextRows(table, report);
  const total = tailTotal(tokens.slice(end), report, glued);
  const goalParts = glued ? gluedGoals(goalTokens, report) : goals(goalTokens, report);
  const parts = { header: fields, funding, goals: goalParts, indicators, selfTotal: total };
  return assembleForm(parts, report, fallbackYear);
}

/** The columns the table header names, in order (`一级指标 … 分值 年度指标值 全年实际值 得分 …`). */
function headerColumns(tokens: Token[]): IndicatorColumn[] {
  const out: IndicatorColumn[] = [];
  for (const t of tokens) {
    const key = labelKey(t.text);
    if (LEVEL1.test(key) || LEVEL2.test(key)) break;
    const column = INDICATOR_COLUMNS.find(([, p]) => p.test(key))?.[0];
    if (column) out.push(column);
  }
  return out;
}

/** The table's tokens without its header labels (everything before the first level label). */
function tableTokens(tokens: Token[]): Token[] {
  const first = tokens.findIndex(
    (t) =>
      LEVEL1.test(labelKey(t.text)) ||
      LEVEL2.test(labelKey(t.text)) ||
      /^\(\d{1,3}分\)$|^指标\d{1,3}[:：]/.test(labelKey(t.text)),
  );
  return first >= 0 ? tokens.slice(first) : tokens.filter((t) => !isLabel(t.text));
}

/**
 * Indicator rows in pasted text. A row ends with its 分值 and 得分 (the last two of a run of
 * numbers); before them stand 三级指标, 年度指标值 (or 指标性质 指标值 度量单位) and 实际完成值;
 * after them, until the next row, its 偏差原因分析. Level labels carry down; a missing 一级指标 is
 * taken from its 二级指标 (产出/效益/满意度) and reported.
 */
import type { FormInput } from '../../core/schema/form.js';
import { indicatorCellPath } from '../../core/narratives/paths.js';
import { looksLikeDeadline } from '../../core/parse/deadline.js';
import { isPlaceholder } from '../../core/parse/placeholder.js';
import { gradeWord, isScaleList, scaleLevel } from '../../core/parse/qualitative.js';
import { labelKey } from './cell-text.js';
import { LEVEL1, LEVEL2 } from './labels.js';
import type { ReportBuilder } from './report.js';
import { isHardBreak, joinTokens, lineRef, type Token } from './text-tokens.js';
import { operatorOf } from './target-cells.js';

type Indicator = FormInput['indicators'][number];

const SCORE = /^\d{1,3}(?:\.\d{1,2})?$/;
const TEMPLATE_NAME = /^指标\d{1,3}[:：]?/;
const SIGN_ONLY = /^(?:\d{1,4}\s?)?(?:[≥≧≤≦<>=＜＞═﹦＝]{1,2})$/;
const METHOD = /指标计算|记分|得分计算/;

function isRowStart(text: string): boolean {
  const key = labelKey(text);
  return LEVEL1.test(key) || LEVEL2.test(key) || TEMPLATE_NAME.test(key) || /^\(\d{1,3}分\)$/.test(key);
}

/** 二级 → 一级 by the 10号 template (scoring-rules.md §2.1). */
function level1Of(level2: string): string | null {
  if (/^(?:数量|质量|时效|成本)/.test(level2)) return '产出指标';
  if (/效益|可持续/.test(level2)) return '效益指标';
  if (/满意/.test(level2)) return '满意度指标';
  return null;
}

/** A short value a target cell holds: a number with a unit, a level word, a deadline. */
export function looksLikeValue(text: string): boolean {
  const t = text.trim();
  if (t.length > 20) return false;
  if (/^[≥≧≤≦<>=＜＞═﹦]{0,2}\s?[\d.,]{1,20}\s?[^\d\s,，。]{0,4}$/.test(t)) return true;
  if (isScaleList(t)) return true;
  if ((scaleLevel(t) !== null && t.length <= 4) || (gradeWord(t) !== null && t.length <= 8)) return true;
  return looksLikeDeadline(t) && t.length <= 16;
}

interface Segment {
  body: Token[];
  weight: Token;
  score: Token;
  after: Token[];
}

/** Cuts the table's tokens into rows at each weight/score pair. */
function segments(tokens: Token[]): { segments: Segment[]; leftover: Token[] } {
  const found: Segment[] = [];
  let start = 0;
  let i = 0;
  while (i < tokens.length) {
    if (!SCORE.test(tokens[i]!.text)) {
      i++;
      continue;
    }
    let end = i;
    while (end + 1 < tokens.length && SCORE.test(tokens[end + 1]!.text)) end++;
    if (end === i) {
      i++;
      continue;
    }
    const body = tokens.slice(start, end - 1);
    const seg: Segment = { body, weight: tokens[end - 1]!, score: tokens[end]!, after: [] };
    let next = end + 1;
    const rest: Token[] = [];
    while (next < tokens.length && !isRowStart(tokens[next]!.text)) rest.push(tokens[next++]!);
    if (!rest.some((t, k) => SCORE.test(t.text) && SCORE.test(rest[k + 1]?.text ?? ''))) {
      seg.after = rest;
      start = next;
    } else start = end + 1;
    found.push(seg);
    i = start;
  }
  return { segments: found, leftover: tokens.slice(start) };
}

interface Levels {
  level1: string;
  level2: string | null;
}

/** Takes the level labels off the front of a row body. */
function takeLevels(body: Token[], levels: Levels, report: ReportBuilder, row: number): Token[] {
  let i = 0;
  for (; i < body.length; i++) {
    const key = labelKey(body[i]!.text);
    // 成本指标 is a 二级 under 产出指标 in 10号 and its own 一级 in 101号 (scoring-rules.md §6.11)
    const l1 = /^成本指标$/.test(key) && levels.level1 === '产出指标' ? null : LEVEL1.exec(key);
    if (l1) {
      levels.level1 = l1[1]!;
      levels.level2 = null;
      continue;
    }
    if (LEVEL2.test(key)) {
      levels.level2 = key.replace(/等$/, '').replace(/效益$/, '效益指标').replace(/影响$/, '影响指标');
      continue;
    }
    // (50分) left of a lost 一级 label, dashes, and the template's empty 指标2： / …… rows
    if (/^\(\d{1,3}分\)$/.test(key) || isPlaceholder(key) || /^…+$/.test(key)) continue;
    break;
  }
  const implied = levels.level2 ? level1Of(levels.level2) : null;
  if (implied && implied !== levels.level1 && (levels.level1 === '' || implied !== '产出指标')) {
    levels.level1 = implied;
    report.infer(
      indicatorCellPath(row, 'level1'),
      implied,
      `文本中缺少一级指标，按二级指标“${levels.level2}”归入${implied}`,
    );
  }
  return body.slice(i);
}

/** Hard-break cells of a body: wrapped lines stay in one cell. */
function cells(body: Token[]): Token[][] {
  const out: Token[][] = [];
  for (const t of body) {
    if (out.length === 0 || isHardBreak(t.before)) out.push([t]);
    else out[out.length - 1]!.push(t);
  }
  return out;
}

/** Splits a body into 三级指标, 年度指标值 and 实际完成值. */
function splitBody(body: Token[], row: number, report: ReportBuilder) {
  const signAt = body.findIndex((t, k) => k > 0 && SIGN_ONLY.test(t.text.trim()));
  if (signAt > 0 && body[signAt + 1]) {
    // The token after 指标值 is its 度量单位 unless it is already the 实际完成值 (the row's last cell)
    const next = body[signAt + 2];
    const unit = next && (!looksLikeValue(next.text) || body.length > signAt + 3) ? next : undefined;
    const target = `${operatorOf(body[signAt]!.text)}${body[signAt + 1]!.text}${unit?.text ?? ''}`;
    report.infer(
      indicatorCellPath(row, 'target'),
      target,
      `由指标性质/指标值/度量单位（${lineRef(body[signAt])}）合成`,
    );
    const rest = body.slice(signAt + (unit ? 3 : 2));
    return { name: body.slice(0, signAt), target, actual: rest };
  }
  const hard = cells(body);
  const valueAt = body.findIndex((t, k) => k > 0 && looksLikeValue(t.text));
  // A value inside the first cell means the cells are wrapped lines (a PDF), not a table row
  const wrapped = valueAt > 0 && valueAt < hard[0]!.length;
  if (hard.length >= 3 && !wrapped) {
    return { name: hard[0]!, target: joinTokens(hard[1]!), actual: hard.slice(2).flat() };
  }
  if (valueAt > 0) {
    return { name: body.slice(0, valueAt), target: body[valueAt]!.text, actual: body.slice(valueAt + 1) };
  }
  if (hard.length === 2) return { name: hard[0]!, target: joinTokens(hard[1]!), actual: [] };
  return { name: body, target: null, actual: [] };
}

const TEMPLATE_CELL = /^指标\d{1,3}[:：]?[/／—-]{0,3}$|^[/／—\-…]{1,6}$/;

/**
 * A row without 分值/得分 (a template row `指标1:/ / /`, an empty 生态效益指标) runs into the next
 * row's body: cut the body at its last level label that follows other text, and report the rest.
 */
function dropIncompleteRows(body: Token[], levels: Levels, report: ReportBuilder, row: number): Token[] {
  let cut = -1;
  body.forEach((t, k) => {
    const key = labelKey(t.text);
    if (k > 0 && (LEVEL1.test(key) || LEVEL2.test(key)) && body.slice(0, k).some((b) => !isRowStart(b.text))) cut = k;
  });
  if (cut < 0) return body;
  const head = body.slice(0, cut);
  const rest = takeLevels(head, levels, report, row);
  const text = joinTokens(rest);
  if (rest.every((t) => TEMPLATE_CELL.test(t.text.trim()) || isPlaceholder(t.text))) {
    report.skip(lineRef(head[0]), joinTokens(head), '模板占位行（指标N：/……），未填写');
  } else report.miss(lineRef(head[0]), text, '这一行没有分值/得分，未能作为指标导入');
  return body.slice(cut);
}

/** Reads the indicator rows of the table's tokens (header labels already removed). */
export function readTextRows(tokens: Token[], report: ReportBuilder): Indicator[] {
  const { segments: segs, leftover } = segments(tokens);
  const levels: Levels = { level1: '', level2: null };
  const indicators: Indicator[] = [];
  for (const seg of segs) {
    const row = indicators.length;
    const complete = dropIncompleteRows(seg.body, levels, report, row);
    const body = takeLevels(complete, levels, report, row).filter((t) => !/^…+$|^\.{3,}$/.test(t.text));
    if (body.length === 0) {
      report.miss(lineRef(seg.weight), `${seg.weight.text} ${seg.score.text}`, '分值/得分前没有指标名称，未导入');
      continue;
    }
    indicators.push(buildRow(seg, body, levels, row, report));
  }
  const rest = leftover.filter((t) => !isPlaceholder(t.text) && !/^…+$/.test(t.text) && !isRowStart(t.text));
  if (rest.length > 0) report.miss(lineRef(rest[0]), joinTokens(rest), '表格末尾的文字没有分值/得分，未能放入任何指标');
  return indicators;
}

function buildRow(seg: Segment, body: Token[], levels: Levels, row: number, report: ReportBuilder): Indicator {
  const parts = splitBody(body, row, report);
  const path = (field: string) => indicatorCellPath(row, field);
  const name = joinTokens(parts.name);
  const actual = parts.actual.length > 0 ? joinTokens(parts.actual) : null;
  const after = seg.after.filter((t) => !isPlaceholder(t.text) || t.text.trim() === '无');
  const method = after.length > 0 && METHOD.test(joinTokens(after));
  if (method) report.skip(lineRef(after[0]), joinTokens(after), '得分计算方法说明，不是偏差原因');
  const deviation = after.length > 0 && !method ? joinTokens(after) : null;
  report.took(path('name'), lineRef(body[0]), name);
  if (parts.target !== null) report.took(path('target'), lineRef(body[0]), parts.target);
  if (actual !== null) report.took(path('actual'), lineRef(parts.actual[0]), actual);
  report.took(path('weight'), lineRef(seg.weight), Number(seg.weight.text));
  report.took(path('score'), lineRef(seg.score), Number(seg.score.text));
  if (deviation) report.took(path('deviation'), lineRef(after[0]), deviation);
  return {
    level1: levels.level1,
    level2: levels.level2,
    name,
    target: parts.target,
    actual,
    weight: Number(seg.weight.text),
    score: Number(seg.score.text),
    deviation,
  };
}

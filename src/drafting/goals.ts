/**
 * The sentences of a 实际完成情况 summary: the parts of the 预期目标, then the indicator results
 * by group (产出, 效益, 满意度), then the rows that missed or exceeded. Three levels of detail so
 * the built-in drafter can fit the cell's limit. Pure.
 */
import type { Form } from '../core/schema/form.js';
import type { ScoreReport } from '../core/schema/report.js';
import { parseNotes } from './notes.js';
import {
  actualWithUnit,
  cellsToFix,
  cleanName,
  cleanValue,
  humanText,
  targetWithUnit,
  trimEndMarks,
} from './cell-text.js';
import type { RowFacts } from './context.js';
import { formatPercent, formatScore } from './numbers.js';
import type { Outcome } from './types.js';

/** 产出 / 效益 / 满意度, the three groups a goals summary walks through. */
export function levelGroup(level1: string | null | undefined): '产出' | '效益' | '满意度' {
  const l = level1 ?? '';
  if (l.includes('满意')) return '满意度';
  if (l.includes('效益')) return '效益';
  return '产出';
}

/** 2: each row with actual and target; 1: each row with its actual; 0: counts only. */
export type Detail = 0 | 1 | 2;

const ENUM =
  /(?:目标\s*[0-9０-９一二三四五六七八九十]+\s*[:：、.．]?|第[一二三四五六七八九十]+\s*[，,、:：]|(?:^|[\n。；;])[^\S\n]*[（(]?[一二三四五六七八九十]+[）)、]|(?:^|[\n。；;])[^\S\n]*[0-9]{1,3}\s*[、.．](?!\d))/g;

/**
 * The short titles of the goal's parts: "目标1:大模型研发及生态建设方面，…" → 大模型研发及生态建设.
 * Reads the annual part when the text has both 项目期目标 and 年度目标. Empty when the goal is
 * not written as a list.
 */
export function goalParts(expected: string | null | undefined): string[] {
  if (!expected) return [];
  let text = expected;
  const annual = [...text.matchAll(/年度目标\s*[:：]/g)].pop();
  if (annual) text = text.slice(annual.index + annual[0].length);
  const marks = [...text.matchAll(ENUM)];
  if (marks.length < 2) return [];
  const parts: string[] = [];
  marks.forEach((m, i) => {
    const start = m.index + m[0].length;
    const end = marks[i + 1]?.index ?? text.length;
    const body = text.slice(start, end).trim();
    const title = partTitle(body);
    if (title) parts.push(title);
  });
  return parts;
}

function partTitle(body: string): string {
  const aspect = body.indexOf('方面');
  if (aspect > 1 && aspect <= 24) return body.slice(0, aspect).replace(/^[在就]/, '');
  const stop = body.search(/[，,。；;：:]/);
  const head = stop > 0 ? body.slice(0, stop) : body;
  return head.length <= 24 ? head : '';
}

/** A long 三级指标 name cut at its first clause: "发布悟道3.0，超大规模…" → 发布悟道3.0. */
export function shortName(name: string): string {
  const n = name.trim();
  if (n.length <= 20) return n;
  const stop = n.search(/[，,。；;：:（(]/);
  if (stop >= 2 && stop <= 20) return n.slice(0, stop);
  return `${n.slice(0, 18)}等`;
}

/** The row's name as prose quotes it: template marks gone, cut at its first clause. */
export function rowName(rf: RowFacts): string {
  return shortName(cleanName(rf.indicator.name, rf.index));
}

/** The actual as a summary quotes it: the cell (cleaned, with the target's unit) if short, else its first quantity. */
function actualShort(rf: RowFacts): string | null {
  const raw = actualWithUnit(rf.indicator.actual, rf.indicator.target, cleanName(rf.indicator.name, rf.index));
  if (!raw || /^[—\-/／]+$/.test(raw)) return null;
  if (raw.length <= 16) return raw;
  return rf.actual?.text ?? null;
}

function isDeadlineRow(rf: RowFacts): boolean {
  if (rf.result?.kind === 'deadline') return true;
  return /时效/.test(rf.indicator.level2 ?? '') && !!rf.target && /[年月日]/.test(rf.target.unit ?? '');
}

function isQualitative(rf: RowFacts): boolean {
  return rf.result?.kind === 'qualitative' || (!rf.target && !rf.actual);
}

/** A row the summary may quote: its cells are fit to state as fact (cell-text.ts). */
export function quotable(rf: RowFacts): boolean {
  return cellsToFix(rf.indicator, rf.result).length === 0;
}

/** Rows that fell short and are told in the shortfall sentence, not among the achieved ones. */
function fellShort(rf: RowFacts): boolean {
  return rf.needsText && rf.outcome !== 'over-achievement';
}

/** At most this many achieved rows are named per group: a summary, not a dump of every row. */
const MAX_ITEMS = 6;

/** `智算平台运行保障296台（指标值≥200台）`, or without the target at lower detail. */
function figure(rf: RowFacts, detail: Detail): string {
  const name = rowName(rf);
  const actual = actualShort(rf);
  const bare = targetWithUnit(rf.indicator.target, rf.indicator.name);
  // a bare target takes the unit the actual was given (100 → 100% for a 率)
  const target = /^[0-9.]{1,20}$/.test(bare) ? actualWithUnit(bare, null, name) : bare;
  if (!actual) return name;
  const sep = /^[0-9]/.test(actual) ? '' : '为';
  const withTarget = detail === 2 && target && target !== actual;
  return withTarget ? `${name}${sep}${actual}（指标值${target}）` : `${name}${sep}${actual}`;
}

/** The group's items: at most MAX_ITEMS figures, then deadline rows by date and qualitative rows together. */
function describeRows(rows: RowFacts[], detail: Detail): { items: string[]; more: boolean } {
  const figures: string[] = [];
  const deadlineGroups = new Map<string, string[]>();
  const qualitative: string[] = [];
  for (const rf of rows) {
    if (isDeadlineRow(rf)) {
      const when = cleanValue(rf.indicator.actual).replace(/^完成时间为/, '');
      if (when && when.length <= 16) {
        deadlineGroups.set(when, [...(deadlineGroups.get(when) ?? []), rowName(rf)]);
        continue;
      }
    }
    if (isQualitative(rf)) qualitative.push(rowName(rf));
    else figures.push(figure(rf, detail));
  }
  const items = figures.slice(0, MAX_ITEMS);
  for (const [when, names] of deadlineGroups)
    items.push(`${names.join('、')}${names.length > 1 ? '均' : ''}于${when}完成`);
  if (qualitative.length) items.push(`${qualitative.join('、')}${qualitative.length > 1 ? '均' : ''}达到预期`);
  return { items, more: figures.length > MAX_ITEMS };
}

function countSentence(group: string, rows: RowFacts[]): string {
  const achieved = rows.filter((rf) => !rf.needsText || rf.outcome === 'over-achievement').length;
  return achieved === rows.length
    ? `${group}指标共${rows.length}项，均达到年度指标值`
    : `${group}指标共${rows.length}项，其中${achieved}项达到年度指标值`;
}

/** One sentence per group, e.g. `产出方面，智源创新中心6个（指标值≥6个）、…等指标达到年度指标值。` */
export function groupSentence(group: '产出' | '效益' | '满意度', rows: RowFacts[], detail: Detail): string {
  const mine = rows.filter((rf) => levelGroup(rf.indicator.level1) === group);
  if (!mine.length) return '';
  if (detail === 0) return `${countSentence(group, mine)}。`;
  const shown = mine.filter((rf) => quotable(rf) && !fellShort(rf));
  if (!shown.length) return '';
  const { items, more } = describeRows(shown, detail);
  if (more) items[MAX_ITEMS - 1] += '等指标达到年度指标值';
  return `${group}方面，${items.join('；')}。`;
}

/** `居民健康档案37442人（指标值38508人）` for a missed row; the grade for a qualitative one. */
function shortfallItem(rf: RowFacts, detail: Detail): string {
  if (rf.outcome === 'qualitative-partial') {
    return `${rowName(rf)}${rf.grade && rf.grade !== '达成' ? `评为“${rf.grade}”` : ''}`;
  }
  if (rf.outcome === 'late') {
    const when = `于${cleanValue(rf.indicator.actual)}完成（指标值${cleanValue(rf.indicator.target)}）`;
    return `${rowName(rf)}${detail ? when : ''}`;
  }
  if (rf.outcome === 'generic' && rf.result && rf.result.weight !== null) {
    return `${rowName(rf)}（得${formatScore(rf.result.score)}分，分值${formatScore(rf.result.weight)}分）`;
  }
  return detail ? figure(rf, 2) : rowName(rf);
}

// what fell short is said after the rows, so a row's figure is read as its actual, never as a target
const SHORTFALL_GROUPS: [Outcome, string][] = [
  ['missed', '未达到年度指标值'],
  ['reverse-exceeded', '超出指标上限'],
  ['late', '未按期完成'],
  ['qualitative-partial', ''],
  ['generic', '得分低于分值'],
];

/** What fell short, with the figures that matter; over-achieved rows named apart. */
export function shortfallSentence(rows: RowFacts[], overRatio: number, detail: Detail = 2): string {
  const parts: string[] = [];
  for (const [outcome, verb] of SHORTFALL_GROUPS) {
    const mine = rows.filter((rf) => rf.needsText && rf.outcome === outcome && quotable(rf));
    if (!mine.length) continue;
    if (mine.length <= MAX_ITEMS) {
      parts.push(`${mine.map((rf) => shortfallItem(rf, detail)).join('、')}${verb}`);
      continue;
    }
    // many rows: the count, then the furthest from their targets with figures
    const all = rows.filter((rf) => rf.needsText && rf.outcome === outcome).length;
    const furthest = [...mine].sort((a, b) => Math.abs(1 - (b.completion ?? 1)) - Math.abs(1 - (a.completion ?? 1)));
    const items = furthest
      .slice(0, MAX_ITEMS)
      .map((rf) => shortfallItem(rf, detail))
      .join('、');
    parts.push(`共${all}项指标${verb || '未完全达成'}，其中${items}等差距较大`);
  }
  const over = rows.filter((rf) => rf.needsText && rf.outcome === 'over-achievement' && quotable(rf));
  if (over.length)
    parts.push(`${over.map(rowName).join('、')}实际完成值超出年度指标值${formatPercent(overRatio - 1)}以上`);
  return parts.length ? `${parts.join('；')}，偏差原因及改进措施见相应指标说明。` : '';
}

/** Rows whose cells must be fixed first, as a placeholder the user cannot miss (never quoted as fact). */
export function toFixSentence(rows: RowFacts[]): string {
  const bad = rows.filter((rf) => !quotable(rf));
  if (!bad.length) return '';
  const names = bad.slice(0, MAX_ITEMS).map(rowName).join('、');
  return `〔待核实：${names}${bad.length > MAX_ITEMS ? '等' : ''}的年度指标值或实际完成值缺失或不完整，核实后补写完成情况〕。`;
}

export function goalPartsSentence(form: Form): { sentence: string; count: number } {
  const parts = goalParts(form.goals?.expected);
  if (!parts.length) return { sentence: '', count: 0 };
  return {
    sentence: `年度目标涵盖${parts.join('、')}${parts.length}个方面，各项绩效指标完成情况如下：`,
    count: parts.length,
  };
}

/** A 部门整体 form speaks of the unit's whole spending; a project form of 本项目. */
export function subjectOf(form: Form): string {
  return form.formType === 'department' ? '本单位' : '本项目';
}

const FUNDING_WORDS = /资金|预算|经费|支付|执行|结余|尾款|采购|成本/;

/** A cause of under- or over-spending a person wrote: the form's 执行率偏低原因, the goals notes, a money row's text. */
function spendingCause(form: Form, rows: RowFacts[]): string | null {
  const stated = humanText(form.funding?.reason);
  if (stated) return trimEndMarks(stated);
  const notes = (form.goals?.notes ?? '').trim();
  if (notes && FUNDING_WORDS.test(notes)) return null; // the notes sentence follows and tells it
  for (const rf of rows) {
    if (!/资金|预算|经费|成本|投资/.test(rf.indicator.name ?? '')) continue;
    const cause = parseNotes(humanText(rf.indicator.deviation)).cause;
    if (cause) return trimEndMarks(cause);
  }
  return '';
}

/**
 * Budget and execution, and why execution is below or above 100% (财预〔2020〕10号: 预算执行率
 * is scored; a reviewer asks for the reason of a low or over-100% rate).
 */
export function fundingSentence(
  form: Form,
  report: ScoreReport,
  rows: RowFacts[],
  amounts: { budget: string; executed: string; rate: string },
): string {
  const whole = form.formType === 'department' ? '部门整体支出' : '';
  const spent = `全年预算${amounts.budget}，全年执行${amounts.executed}，预算执行率${amounts.rate}`;
  const head = `${subjectOf(form)}${form.year}年度${whole}${spent}。`;
  const rate = report.funding.rate;
  if (rate === null || Math.abs(rate - 1) < 0.00005) return head;
  const cause = spendingCause(form, rows);
  if (cause === null) return head;
  if (rate < 1)
    return `${head}资金未全部执行，主要原因：${cause || '〔待补充：资金结余原因，如尾款未付、采购价低于预算等〕'}。`;
  return `${head}全年执行数超过全年预算数，原因：${cause || '〔待补充：超预算执行的原因及资金来源〕'}。`;
}

/** The total only as the form states it: its own 自评总分 (never a rule total that contradicts it, never above 100). */
export function totalSentence(form: Form): string {
  const total = form.selfTotal;
  if (total === null || total === undefined || total > 100 || total < 0) return '';
  return `${subjectOf(form)}自评总分${formatScore(total)}分。`;
}

/**
 * The sentences of a 实际完成情况 summary: the parts of the 预期目标, then the indicator results
 * by group (产出, 效益, 满意度), then the rows that missed or exceeded. Three levels of detail so
 * the built-in drafter can fit the cell's limit. Pure.
 */
import type { Form } from '../core/schema/form.js';
import type { RowFacts } from './context.js';

/** 产出 / 效益 / 满意度, the three groups a goals summary walks through. */
export function levelGroup(level1: string | null | undefined): '产出' | '效益' | '满意度' {
  const l = level1 ?? '';
  if (l.includes('满意')) return '满意度';
  if (l.includes('效益')) return '效益';
  return '产出';
}

/** 2: each row with actual and target; 1: each row with its actual; 0: counts only. */
export type Detail = 0 | 1 | 2;

const ENUM = /(?:目标\s*[0-9０-９一二三四五六七八九十]+\s*[:：、.．]?|第[一二三四五六七八九十]+\s*[，,、:：]|(?:^|[\n。；;])[^\S\n]*[（(]?[一二三四五六七八九十]+[）)、]|(?:^|[\n。；;])[^\S\n]*[0-9]{1,3}\s*[、.．](?!\d))/g;

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

/** The actual value as a summary may quote it: the cell if short, else its first quantity. */
function actualShort(rf: RowFacts): string | null {
  const raw = (rf.indicator.actual ?? '').trim();
  if (!raw || /^[—\-/／]+$/.test(raw)) return null;
  if (raw.length <= 16) return raw;
  return rf.actual?.text ?? null;
}

function isDeadlineRow(rf: RowFacts): boolean {
  return rf.result?.kind === 'deadline' || /时效/.test(rf.indicator.level2 ?? '') && !!rf.target && /[年月日]/.test(rf.target.unit ?? '');
}

function isQualitative(rf: RowFacts): boolean {
  return rf.result?.kind === 'qualitative' || (!rf.target && !rf.actual);
}

function describeRows(rows: RowFacts[], detail: Detail): string[] {
  const items: string[] = [];
  // deadline rows with the same actual date read as one item
  const deadlineGroups = new Map<string, string[]>();
  const qualitative: RowFacts[] = [];
  for (const rf of rows) {
    const name = shortName(rf.indicator.name);
    if (isDeadlineRow(rf)) {
      const when = (rf.indicator.actual ?? '').trim();
      if (when && when.length <= 16 && rf.outcome !== 'late') {
        const list = deadlineGroups.get(when) ?? [];
        list.push(name);
        deadlineGroups.set(when, list);
        continue;
      }
    }
    if (isQualitative(rf)) {
      qualitative.push(rf);
      continue;
    }
    const actual = actualShort(rf);
    const target = (rf.indicator.target ?? '').trim();
    if (!actual) {
      items.push(name);
    } else if (detail === 2 && target && target !== actual) {
      items.push(`${name}${actual}（指标值${target}）`);
    } else {
      items.push(`${name}${actual}`);
    }
  }
  for (const [when, names] of deadlineGroups) {
    items.push(`${names.join('、')}${names.length > 1 ? '均' : ''}于${when}完成`);
  }
  if (qualitative.length) {
    const byGrade = new Map<string, string[]>();
    for (const rf of qualitative) {
      const grade = rf.grade ?? (rf.result && rf.result.weight !== null && rf.result.score >= rf.result.weight - 0.005 ? '达成' : '待评定');
      const list = byGrade.get(grade) ?? [];
      list.push(shortName(rf.indicator.name));
      byGrade.set(grade, list);
    }
    for (const [grade, names] of byGrade) items.push(`${names.join('、')}${names.length > 1 ? '均' : ''}自评为“${grade}”`);
  }
  return items;
}

function countSentence(group: string, rows: RowFacts[]): string {
  const achieved = rows.filter((rf) => !rf.needsText || rf.outcome === 'over-achievement').length;
  return achieved === rows.length
    ? `${group}指标共${rows.length}项，均达到年度指标值`
    : `${group}指标共${rows.length}项，其中${achieved}项达到年度指标值`;
}

/** One sentence per group, e.g. `产出方面，智源创新中心6个（指标值≥6个）；…。` */
export function groupSentence(group: '产出' | '效益' | '满意度', rows: RowFacts[], detail: Detail): string {
  const mine = rows.filter((rf) => levelGroup(rf.indicator.level1) === group);
  if (!mine.length) return '';
  if (detail === 0) return `${countSentence(group, mine)}。`;
  const items = describeRows(mine, detail);
  return `${group}方面，${items.join(detail === 2 ? '；' : '，')}。`;
}

/** The rows that need an explanation, grouped by what happened. */
export function shortfallSentence(rows: RowFacts[], overRatio: number): string {
  const overPercent = `${Math.round((overRatio - 1) * 100)}%`;
  const groups: [string, (names: string) => string][] = [
    ['missed', (n) => `${n}未达到年度指标值`],
    ['over-achievement', (n) => `${n}实际完成值超出年度指标值${overPercent}以上`],
    ['reverse-exceeded', (n) => `${n}超出指标上限`],
    ['late', (n) => `${n}未按期完成`],
    ['qualitative-partial', (n) => `${n}未完全达成`],
    ['generic', (n) => `${n}得分低于分值`],
  ];
  const parts: string[] = [];
  for (const [outcome, say] of groups) {
    const names = rows.filter((rf) => rf.needsText && rf.outcome === outcome).map((rf) => shortName(rf.indicator.name));
    if (names.length) parts.push(say(names.join('、')));
  }
  return parts.length ? `其中，${parts.join('；')}，偏差原因及改进措施见相应指标说明。` : '';
}

export function goalPartsSentence(form: Form): { sentence: string; count: number } {
  const parts = goalParts(form.goals?.expected);
  if (!parts.length) return { sentence: '', count: 0 };
  return { sentence: `年度目标涵盖${parts.join('、')}${parts.length}个方面，各项绩效指标完成情况如下：`, count: parts.length };
}

/**
 * The figures a narrative cell may state and where each comes from (issue #13): the row's own
 * facts (a deviation cell) or every row (实际完成情况), the project's funding, total and year, and
 * numbers written in texts allowed to speak for the cell (its cells, notes, the existing text, chat).
 */
import type { FormFacts, IndicatorFacts } from '../../facts/types.js';
import { readQuantities } from '../../narrative/quantities.js';
import { unitNamed, type Unit } from '../../parse/units.js';

/**
 * A figure a text may use. `fact`: from the table or the report; `cell`: read in a cell of the
 * table (name, 指标值, 实际完成值); `text`: read in what a person wrote (notes, a cell's existing text, chat).
 */
export interface Known {
  value: number;
  unit: Unit | null;
  source: string;
  origin: 'fact' | 'cell' | 'text';
}

const PERCENT = unitNamed('%')!;
const MULTIPLE = unitNamed('倍')!;
const SCORE = unitNamed('分')!;
const MONTH = unitNamed('月')!;
const YEAR: Unit = { ...unitNamed('年度')!, label: '年' };

function add(out: Known[], value: number | null | undefined, unit: Unit | null, source: string): void {
  if (value === null || value === undefined || !Number.isFinite(value)) return;
  out.push({ value, unit, source, origin: 'fact' });
}

/** Numbers written in `text`; scores in notes are left out (a score comes from the scorer). */
export function textKnowns(
  out: Known[],
  text: string,
  source: string,
  opts: { noScores?: boolean; cell?: boolean } = {},
): void {
  if (!text) return;
  for (const q of readQuantities(text, { claims: false })) {
    if (opts.noScores && q.unit?.family === 'score') continue;
    out.push({ value: q.value, unit: q.unit, source, origin: opts.cell ? 'cell' : 'text' });
  }
}

const ROW_FIGURES = new WeakMap<IndicatorFacts, Readonly<Record<string, readonly Known[]>>>();

/** A row's derived figures, the ones a claim (偏差率, 完成率, 超出…) is checked against (built once per row). */
export function rowFigureKnowns(r: IndicatorFacts): Readonly<Record<string, readonly Known[]>> {
  let figures = ROW_FIGURES.get(r);
  if (!figures) {
    figures = buildRowFigures(r, `第${r.index + 1}行`);
    ROW_FIGURES.set(r, figures);
  }
  return figures;
}

function buildRowFigures(r: IndicatorFacts, at: string): Record<string, Known[]> {
  // a bare 万 on a cell (济南历城 "45万") is a multiplier, as the reader reads it in prose
  const k = (value: number | null | undefined, unit: Unit | null, what: string): Known[] =>
    value === null || value === undefined
      ? []
      : unit?.family === 'wan'
        ? [{ value: value * 1e4, unit: null, source: `${at}·${what}`, origin: 'fact' }]
        : [{ value, unit, source: `${at}·${what}`, origin: 'fact' }];
  const c = r.completion;
  const target = [
    ...k(r.target.amount?.value, r.target.amount?.unit ?? null, '年度指标值'),
    ...k(r.target.low?.value, r.target.low?.unit ?? null, '年度指标值下限'),
    ...k(r.target.high?.value, r.target.high?.unit ?? null, '年度指标值上限'),
  ];
  const deviation = [
    ...k(r.deviation?.value, r.deviation?.unit ?? null, '偏差量'),
    ...k(r.deviationRate === null ? null : r.deviationRate * 100, PERCENT, '偏差率'),
  ];
  return {
    target,
    actual: k(r.actual.amount?.value, r.actual.amount?.unit ?? null, '实际完成值'),
    'deviation-rate': k(r.deviationRate === null ? null : r.deviationRate * 100, PERCENT, '偏差率'),
    'completion-rate': k(c === null ? null : c * 100, PERCENT, '完成率'),
    excess: r.completion !== null && r.completion > 1 ? [...deviation, ...k(c! - 1, MULTIPLE, '超出倍数')] : [],
    shortfall: r.completion !== null && r.completion < 1 ? deviation : [],
    multiple: k(c, MULTIPLE, '完成倍数'),
    score: [...k(r.score, SCORE, '得分'), ...k(r.selfScore, SCORE, '自评得分'), ...k(r.ruleScore, SCORE, '规则得分')],
    deduction: k(r.deduction, SCORE, '扣分'),
    weight: k(r.weight, SCORE, '分值'),
  };
}

const ROW_KNOWNS = new WeakMap<IndicatorFacts, Known[]>();

/** A row's figures and the numbers of its cells and notes, read once per row. */
function rowKnowns(out: Known[], r: IndicatorFacts, ownText: boolean): void {
  let known = ROW_KNOWNS.get(r);
  if (!known) {
    known = [];
    readRow(known, r);
    ROW_KNOWNS.set(r, known);
  }
  out.push(...known);
  if (ownText) textKnowns(out, r.sources.existing, `第${r.index + 1}行·偏差原因（表中原文）`);
}

/** A row's own figures and dates (origin `fact`): what its texts lend is not read here. */
function rowTableKnowns(out: Known[], r: IndicatorFacts): void {
  const at = `第${r.index + 1}行`;
  for (const list of Object.values(rowFigureKnowns(r))) out.push(...list);
  for (const date of [r.target.date, r.actual.date]) {
    if (!date) continue;
    add(out, date.month, MONTH, `${at}·日期`);
    if (!date.yearAssumed) add(out, date.year, YEAR, `${at}·日期`);
  }
}

function readRow(out: Known[], r: IndicatorFacts): void {
  const at = `第${r.index + 1}行`;
  rowTableKnowns(out, r);
  textKnowns(out, r.name, `${at}·三级指标`, { cell: true });
  textKnowns(out, r.target.text, `${at}·年度指标值`, { cell: true });
  textKnowns(out, r.actual.text, `${at}·实际完成值`, { cell: true });
  textKnowns(out, r.sources.notes, `${at}·补充事实`, { noScores: true });
}

const PROJECT = new WeakMap<FormFacts, Readonly<Record<string, readonly Known[]>>>();

/** The project-level figures any cell may state: year, funding and execution, total, the over standard. */
export function projectKnowns(f: FormFacts): Readonly<Record<string, readonly Known[]>> {
  let known = PROJECT.get(f);
  if (!known) {
    known = buildProjectKnowns(f);
    PROJECT.set(f, known);
  }
  return known;
}

function buildProjectKnowns(f: FormFacts): Record<string, Known[]> {
  const money = f.funding.unit;
  const budget: Known[] = [];
  const executed: Known[] = [];
  for (const line of f.funding.lines) {
    add(budget, line.initial, money, `${line.label}·年初预算数`);
    add(budget, line.annual, money, `${line.label}·全年预算数`);
    add(executed, line.executed, money, `${line.label}·全年执行数`);
  }
  add(budget, f.funding.budget, money, '全年预算数');
  add(executed, f.funding.executed, money, '全年执行数');
  const rate: Known[] = [];
  add(rate, f.funding.rate === null ? null : f.funding.rate * 100, PERCENT, '预算执行率');
  const total: Known[] = [];
  add(total, f.total, SCORE, '核定总分');
  add(total, f.selfTotal, SCORE, '自评总分');
  const other: Known[] = [];
  add(other, f.year, YEAR, '年度');
  add(other, f.year + 1, YEAR, '下一年度');
  add(other, f.funding.score, SCORE, '预算执行率得分');
  add(other, f.funding.weight, SCORE, '预算执行率分值');
  add(other, f.funding.selfScore, SCORE, '预算执行率自评得分');
  add(other, f.overRatio * 100, PERCENT, '超额完成认定标准');
  add(other, (f.overRatio - 1) * 100, PERCENT, '超额完成认定标准');
  add(other, f.overRatio, MULTIPLE, '超额完成认定标准');
  return { budget, executed, 'execution-rate': rate, total, other };
}

export interface CellScope {
  /** Row of a deviation cell; null for 实际完成情况. */
  row: number | null;
  /** The cell's existing text may vouch (a draft); not when the text checked is that text. */
  ownText: boolean;
  chat: readonly string[];
}

const FORM_WIDE = new WeakMap<FormFacts, readonly Known[]>();

/** The figures every cell of the form may state: the project's, its name's and the funding reason's (read once). */
function formWideKnowns(f: FormFacts): readonly Known[] {
  let known = FORM_WIDE.get(f);
  if (!known) {
    const out: Known[] = Object.values(projectKnowns(f)).flat();
    textKnowns(out, f.projectName, '项目名称', { cell: true });
    textKnowns(out, f.funding.reason, '执行率偏低原因');
    known = out;
    FORM_WIDE.set(f, known);
  }
  return known;
}

/** Every figure the cell may state. */
export function cellKnowns(f: FormFacts, scope: CellScope): Known[] {
  const out: Known[] = [...formWideKnowns(f)];
  const rows = scope.row === null ? f.rows : f.rows.filter((r) => r.index === scope.row);
  for (const r of rows) rowKnowns(out, r, scope.row !== null && scope.ownText);
  if (scope.row === null) {
    textKnowns(out, f.goals.expected, '预期目标', { cell: true });
    textKnowns(out, f.goals.notes, '补充事实（总体目标）', { noScores: true });
    if (scope.ownText) textKnowns(out, f.goals.existing, '实际完成情况（表中原文）');
    for (const r of f.rows) textKnowns(out, r.sources.existing, `第${r.index + 1}行·偏差原因（表中原文）`);
  }
  if (scope.row === null) out.push(...countKnowns(f));
  for (const t of scope.chat) textKnowns(out, t, '对话中用户提供', { noScores: true });
  return out;
}

/**
 * The figures of `cellKnowns` that come from the table and the report (origin `fact`), in the
 * same order, without reading any text: enough to tell whether a figure can contradict the table.
 */
export function cellTableKnowns(f: FormFacts, row: number | null): Known[] {
  const out: Known[] = Object.values(projectKnowns(f)).flat();
  const rows = row === null ? f.rows : f.rows.filter((r) => r.index === row);
  for (const r of rows) rowTableKnowns(out, r);
  if (row === null) out.push(...countKnowns(f));
  return out;
}

/** Counts a summary may state: rows in all and by 一级指标, those met, those needing an explanation. */
export function countKnowns(f: FormFacts): Known[] {
  const out: Known[] = [];
  const scored = f.rows.filter((r) => r.outcome !== 'unscorable');
  const groups = new Map<string, IndicatorFacts[]>();
  for (const r of scored) groups.set(r.level1.trim(), [...(groups.get(r.level1.trim()) ?? []), r]);
  const counts: [number, string][] = [
    [scored.length, '指标项数'],
    [scored.filter((r) => r.needsText).length, '需说明偏差的指标项数'],
  ];
  for (const [name, rows] of groups) {
    counts.push(
      [rows.length, `${name}项数`],
      [rows.filter((r) => !r.needsText || r.outcome === 'over-achieved').length, `${name}达到指标值的项数`],
    );
  }
  for (const [n, source] of counts) for (const label of ['项', '个', '条']) add(out, n, unitNamed(label), source);
  return out;
}

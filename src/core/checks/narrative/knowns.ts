/**
 * The figures a narrative cell may state and where each comes from (issue #13): the row's own
 * facts (a deviation cell) or every row (实际完成情况), the project's funding, total and year, and
 * numbers written in texts allowed to speak for the cell (its cells, notes, the existing text, chat).
 */
import type { FormFacts, IndicatorFacts } from '../../facts/types.js';
import { readQuantities } from '../../narrative/quantities.js';
import { unitNamed, type Unit } from '../../parse/units.js';
import { rowLabel } from '../../schema/row-number.js';

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
    figures = buildRowFigures(r, rowLabel(r.index));
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

/** A text that lends its figures to a cell (origin `cell` or `text`), read on first use only. */
interface Lender {
  text: string;
  source: string;
  origin: 'cell' | 'text';
  noScores: boolean;
  read?: readonly Known[];
}

function lender(text: string, source: string, origin: Lender['origin'], noScores = false): Lender {
  return { text, source, origin, noScores };
}

/** The figures `l` lends, read once per form's facts. */
function lent(l: Lender): readonly Known[] {
  if (!l.read) {
    const out: Known[] = [];
    textKnowns(out, l.text, l.source, { noScores: l.noScores, cell: l.origin === 'cell' });
    l.read = out;
  }
  return l.read;
}

interface RowParts {
  table: readonly Known[];
  /** 三级指标, 年度指标值, 实际完成值 (cells) and the notes, in that order. */
  lenders: readonly Lender[];
  existing: Lender;
}

const ROW_PARTS = new WeakMap<IndicatorFacts, RowParts>();

/** A row's own figures and the texts that lend it figures (built once per row; texts read on use). */
function rowParts(r: IndicatorFacts): RowParts {
  let parts = ROW_PARTS.get(r);
  if (!parts) {
    const at = rowLabel(r.index);
    const table: Known[] = [];
    rowTableKnowns(table, r);
    parts = {
      table,
      lenders: [
        lender(r.name, `${at}·三级指标`, 'cell'),
        lender(r.target.text, `${at}·年度指标值`, 'cell'),
        lender(r.actual.text, `${at}·实际完成值`, 'cell'),
        lender(r.sources.notes, `${at}·补充事实`, 'text', true),
      ],
      existing: lender(r.sources.existing, `${at}·偏差原因（表中原文）`, 'text'),
    };
    ROW_PARTS.set(r, parts);
  }
  return parts;
}

/** A row's own figures and dates (origin `fact`): what its texts lend is not read here. */
function rowTableKnowns(out: Known[], r: IndicatorFacts): void {
  const at = rowLabel(r.index);
  for (const list of Object.values(rowFigureKnowns(r))) out.push(...list);
  for (const date of [r.target.date, r.actual.date]) {
    if (!date) continue;
    add(out, date.month, MONTH, `${at}·日期`);
    if (!date.yearAssumed) add(out, date.year, YEAR, `${at}·日期`);
  }
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

interface FormParts {
  /** The project's figures (origin `fact`). */
  project: readonly Known[];
  /** The project's name and the funding reason: every cell may draw on them. */
  lenders: readonly Lender[];
  /** 预期目标 and the goals' notes, then 实际完成情况 as written: what 实际完成情况 may draw on. */
  goals: readonly Lender[];
  goalsExisting: Lender;
  counts?: readonly Known[];
  /** Per cell (row, or -1 for 实际完成情况): its table figures, its claims, the texts it may draw on. */
  cells: Map<number, CellParts>;
}

interface CellParts {
  table?: readonly Known[];
  claims?: ReadonlyMap<string, readonly Known[]>;
  lenders?: readonly Lender[];
}

const FORM_PARTS = new WeakMap<FormFacts, FormParts>();

function formParts(f: FormFacts): FormParts {
  let parts = FORM_PARTS.get(f);
  if (!parts) {
    parts = {
      project: Object.values(projectKnowns(f)).flat(),
      lenders: [lender(f.projectName, '项目名称', 'cell'), lender(f.funding.reason, '执行率偏低原因', 'text')],
      goals: [lender(f.goals.expected, '预期目标', 'cell'), lender(f.goals.notes, '补充事实（总体目标）', 'text', true)],
      goalsExisting: lender(f.goals.existing, '实际完成情况（表中原文）', 'text'),
      cells: new Map(),
    };
    FORM_PARTS.set(f, parts);
  }
  return parts;
}

/** What is kept per cell of a form's facts (built on first use). */
export function cellParts(f: FormFacts, row: number | null): CellParts {
  const cells = formParts(f).cells;
  let parts = cells.get(row ?? -1);
  if (!parts) {
    parts = {};
    cells.set(row ?? -1, parts);
  }
  return parts;
}

function rowsIn(f: FormFacts, row: number | null): readonly IndicatorFacts[] {
  return row === null ? f.rows : f.rows.filter((r) => r.index === row);
}

function countsOf(f: FormFacts): readonly Known[] {
  const parts = formParts(f);
  parts.counts ??= countKnowns(f);
  return parts.counts;
}

/** Every figure the cell may state. */
export function cellKnowns(f: FormFacts, scope: CellScope): Known[] {
  const form = formParts(f);
  const out: Known[] = [...form.project];
  for (const l of form.lenders) out.push(...lent(l));
  for (const r of rowsIn(f, scope.row)) {
    const parts = rowParts(r);
    out.push(...parts.table);
    for (const l of parts.lenders) out.push(...lent(l));
    if (scope.row !== null && scope.ownText) out.push(...lent(parts.existing));
  }
  if (scope.row === null) {
    for (const l of form.goals) out.push(...lent(l));
    if (scope.ownText) out.push(...lent(form.goalsExisting));
    for (const r of f.rows) out.push(...lent(rowParts(r).existing));
    out.push(...countsOf(f));
  }
  for (const t of scope.chat) textKnowns(out, t, '对话中用户提供', { noScores: true });
  return out;
}

/** The texts a cell as written may draw on (no chat, not its own text), in `cellKnowns` order. */
function cellLenders(f: FormFacts, row: number | null): readonly Lender[] {
  const cell = cellParts(f, row);
  if (!cell.lenders) {
    const form = formParts(f);
    const out = [...form.lenders];
    for (const r of rowsIn(f, row)) out.push(...rowParts(r).lenders);
    if (row === null) out.push(...form.goals, ...f.rows.map((r) => rowParts(r).existing));
    cell.lenders = out;
  }
  return cell.lenders;
}

/**
 * True when a text the cell as written may draw on lends a figure `accepts` takes: only those a
 * person wrote (origin `text`) with `textOnly`. Texts are read one by one, and only until one does.
 */
export function someLent(
  f: FormFacts,
  row: number | null,
  textOnly: boolean,
  accepts: (k: Known) => boolean,
): boolean {
  for (const l of cellLenders(f, row)) {
    if (textOnly && l.origin !== 'text') continue;
    if (l.text && lent(l).some(accepts)) return true;
  }
  return false;
}

/**
 * The figures of `cellKnowns` that come from the table and the report (origin `fact`), in the
 * same order, without reading any text: enough to tell whether a figure can contradict the table.
 */
export function cellTableKnowns(f: FormFacts, row: number | null): readonly Known[] {
  const cell = cellParts(f, row);
  if (!cell.table) {
    const out: Known[] = [...formParts(f).project];
    for (const r of rowsIn(f, row)) out.push(...rowParts(r).table);
    if (row === null) out.push(...countsOf(f));
    cell.table = out;
  }
  return cell.table;
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

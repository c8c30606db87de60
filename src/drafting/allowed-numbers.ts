/**
 * The numbers a narrative may use, each with where it comes from: what is written in the form,
 * the scores, rates and deviations of the report, and the user's notes (scores excepted: a score
 * comes from the scorer, never from a note). `goals.actual` may use the whole form; a deviation
 * cell its own row plus the project-level figures (year, funding, totals, the over-achievement
 * standard). Pure.
 */
import { FUNDING_ROW_NAMES } from '../core/schema/choices.js';
import type { Form } from '../core/schema/form.js';
import type { ScoreReport } from '../core/schema/report.js';
import { rowLabel } from '../core/schema/row-number.js';
import { goalParts, levelGroup } from './goals.js';
import { findNumbers, kindOfUnit, type NumberKind } from './numbers.js';
import { OUTCOME_LABELS } from './outcome-labels.js';
import type { RowFacts } from './row-facts.js';
import type { Outcome } from './types.js';

/** A number a text may use, and where it comes from. */
export interface AllowedNumber {
  value: number;
  unit: string | null;
  kind: NumberKind;
  source: string;
}

/** Collects allowed numbers in the order they are found. */
class Collector {
  readonly out: AllowedNumber[] = [];

  /** Every number written in `text`, labelled `source`. */
  written(text: string | null | undefined, source: string, opts: { noScores?: boolean } = {}): void {
    if (!text) return;
    for (const n of findNumbers(text)) {
      if (opts.noScores && n.kind === 'score') continue;
      this.out.push({ value: n.value, unit: n.unit, kind: n.kind, source });
    }
  }

  /** One computed number; none when missing or not finite. */
  value(value: number | null | undefined, kind: NumberKind, source: string, unit: string | null = null): void {
    if (value === null || value === undefined || !Number.isFinite(value)) return;
    this.out.push({ value, unit: unit ?? (kind === 'score' ? '分' : kind === 'percent' ? '%' : null), kind, source });
  }
}

const PROJECT_CELLS = [
  ['name', '项目名称'],
  ['department', '主管部门'],
  ['implementer', '实施单位'],
  ['phone', '联系电话'],
] as const;

/** The year, the project cells and the funding table as written. */
function formHeader(c: Collector, form: Form, unit: string): void {
  c.value(form.year, 'other', '年度', '年');
  for (const [key, label] of PROJECT_CELLS) c.written(form.project[key], label);
  const f = form.funding;
  if (!f) return;
  c.value(f.weight, 'score', '预算执行率分值');
  for (const [key, label] of FUNDING_ROW_NAMES) {
    const r = f[key];
    if (!r) continue;
    c.value(r.initial, 'money', `${label}·年初预算数`, unit);
    c.value(r.annual, 'money', `${label}·全年预算数`, unit);
    c.value(r.executed, 'money', `${label}·全年执行数`, unit);
    c.value(r.score, 'score', `${label}·得分`);
  }
}

/** The cells of the indicator rows in scope, as written. */
function formRows(c: Collector, form: Form, inScope: (i: number) => boolean): void {
  form.indicators.forEach((ind, i) => {
    if (!inScope(i)) return;
    const at = rowLabel(i);
    c.written(ind.name, `${at}·三级指标`);
    c.written(ind.target, `${at}·年度指标值`);
    c.written(ind.actual, `${at}·实际完成值`);
    c.written(ind.deviation, `${at}·偏差原因（表中原文）`);
    c.written(ind.notes, `${at}·补充事实`, { noScores: true });
    c.value(ind.weight, 'score', `${at}·分值`);
    c.value(ind.score, 'score', `${at}·自评得分`);
  });
}

/** The report's totals and its budget-execution line. */
function reportTotals(c: Collector, report: ScoreReport, unit: string): void {
  c.value(report.total, 'score', '核定总分');
  c.value(report.selfTotal, 'score', '自评总分');
  const fr = report.funding;
  if (fr.rate !== null) {
    c.value(fr.rate * 100, 'percent', '预算执行率');
    c.value(fr.rate, 'other', '预算执行率');
  }
  c.value(fr.score, 'score', '预算执行率得分');
  c.value(fr.ruleScore, 'score', '预算执行率规则得分');
  c.value(fr.selfScore, 'score', '预算执行率自评得分');
  c.value(fr.weight, 'score', '预算执行率分值');
  c.value(fr.budget, 'money', '全年预算数', unit);
  c.value(fr.executed, 'money', '全年执行数', unit);
  c.written(fr.explanation, '预算执行率评分说明');
}

/** A row's scores, completion and deviation. */
function rowResult(c: Collector, rf: RowFacts): void {
  const at = rowLabel(rf.index);
  const r = rf.result;
  if (r) {
    c.value(r.ruleScore, 'score', `${at}·规则得分`);
    c.value(r.selfScore, 'score', `${at}·自评得分`);
    c.value(r.score, 'score', `${at}·核定得分`);
    c.value(r.weight, 'score', `${at}·分值`);
    if (r.weight !== null) c.value(Math.max(0, r.weight - r.score), 'score', `${at}·扣分`);
    c.written(r.explanation, `${at}·评分说明`);
  }
  if (rf.completion !== null) {
    c.value(rf.completion * 100, 'percent', `${at}·完成率`);
    c.value(Math.abs(rf.completion - 1) * 100, 'percent', `${at}·偏差率`);
    c.value(rf.completion, 'other', `${at}·完成倍数`, '倍');
  }
  if (rf.deviationAmount) {
    const d = rf.deviationAmount;
    c.value(d.value, kindOfUnit(d.unit), `${at}·偏差量`, d.unit);
  }
}

/** The counts a summary (goals.actual) may state: rows, rows per level, achieved, goals, rows to explain. */
function summaryCounts(c: Collector, form: Form, rows: readonly RowFacts[]): void {
  c.value(form.indicators.length, 'other', '指标行数', '项');
  const byLevel = new Map<string, number>();
  for (const ind of form.indicators)
    byLevel.set(levelGroup(ind.level1), (byLevel.get(levelGroup(ind.level1)) ?? 0) + 1);
  for (const [group, n] of byLevel) c.value(n, 'other', `${group}指标项数`, '项');
  for (const group of byLevel.keys()) {
    const achieved = rows.filter(
      (rf) => levelGroup(rf.indicator.level1) === group && (!rf.needsText || rf.outcome === 'over-achievement'),
    ).length;
    c.value(achieved, 'other', `${group}指标达到年度指标值的项数`, '项');
  }
  const parts = goalParts(form.goals?.expected).length;
  if (parts) c.value(parts, 'other', '年度目标的方面数', '个');
  const byOutcome = new Map<Outcome, number>();
  for (const rf of rows) if (rf.needsText) byOutcome.set(rf.outcome, (byOutcome.get(rf.outcome) ?? 0) + 1);
  for (const [o, n] of byOutcome) c.value(n, 'other', `${OUTCOME_LABELS[o]}的指标项数`, '项');
  const explained = [...byOutcome.values()].reduce((a, b) => a + b, 0);
  c.value(explained, 'other', '需说明偏差的指标项数', '项');
}

/** The numbers a narrative of the cell may use (row null: goals.actual, the whole form). */
export function allowedNumbers(
  form: Form,
  report: ScoreReport,
  rows: RowFacts[],
  overRatio: number,
  row: number | null = null,
): AllowedNumber[] {
  const inScope = (i: number) => row === null || i === row;
  const c = new Collector();
  const unit = form.funding?.unit ?? '万元';
  formHeader(c, form, unit);
  if (row === null) {
    c.written(form.goals?.expected, '预期目标');
    c.written(form.goals?.actual, '实际完成情况（表中原文）');
    c.written(form.goals?.notes, '补充事实（总体目标）', { noScores: true });
  }
  c.value(form.selfTotal, 'score', '表中总分');
  formRows(c, form, inScope);
  reportTotals(c, report, unit);
  for (const rf of rows) if (inScope(rf.index)) rowResult(c, rf);
  // the profile's over-achievement standard, as a percentage, the excess over 100% and a multiple
  c.value(overRatio * 100, 'percent', '超额完成认定标准');
  c.value((overRatio - 1) * 100, 'percent', '超额完成认定标准');
  c.value(overRatio, 'other', '超额完成认定标准', '倍');
  if (row === null) summaryCounts(c, form, rows);
  return c.out;
}

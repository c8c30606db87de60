/**
 * Everything a drafter and the checks know about one narrative cell, computed from the form and
 * its score report: the row's outcome, the numbers a text may use (and where each comes from),
 * the facts it must state, the template variables and the data block a model sees. Pure.
 */
import { ZipingError } from '../core/errors.js';
import { factsOf as formFactsOf } from '../core/facts/form-facts.js';
import { needsText } from '../core/facts/needs-text.js';
import { gradeOfShare } from '../core/facts/outcome-kind.js';
import type { FormFacts, OutcomeKind } from '../core/facts/types.js';
import { overAchievementRatio } from '../core/profiles/over-ratio.js';
import type { Form, Indicator, NarrativePath } from '../core/schema/form.js';
import type { IndicatorResult, ScoreReport } from '../core/schema/report.js';
import {
  findNumbers,
  firstQuantity,
  formatNumber,
  formatPercent,
  formatScore,
  kindOfUnit,
  type FoundNumber,
  type NumberKind,
} from './numbers.js';
import { goalParts, levelGroup } from './goals.js';
import { parseNotes, type ParsedNotes } from './notes.js';
import { DEFAULT_MAX_CHARS } from './prompts.js';
import type { CellKind, DraftRequest, Outcome } from './types.js';
import { isNarrativePath, narrativeRowIndex } from '../core/narratives/paths.js';
import { rowLabel } from '../core/schema/row-number.js';

/** A number a text may use, and where it comes from. */
export interface AllowedNumber {
  value: number;
  unit: string | null;
  kind: NumberKind;
  source: string;
}

/** A fact a cell's text must state: one of `values` written as a number, or one of `texts`. */
export interface RequiredFact {
  key: 'target' | 'actual' | 'deviation' | 'grade' | 'executed' | 'executionRate';
  label: string;
  /** How the fact reads, for the message: `≥200台`. */
  display: string;
  values: { value: number; unit: string | null; kind: NumberKind }[];
  texts: string[];
}

/** Numbers of one indicator row, derived from its cells and its result. */
export interface RowFacts {
  index: number;
  indicator: Indicator;
  result: IndicatorResult | null;
  outcome: Outcome;
  needsText: boolean;
  target: FoundNumber | null;
  actual: FoundNumber | null;
  /** actual / target. */
  completion: number | null;
  /** |actual − target| with the target's unit. */
  deviationAmount: { value: number; unit: string | null } | null;
  grade: '达成' | '部分达成' | '未达成' | null;
}

export interface CellFacts {
  path: NarrativePath;
  cell: CellKind;
  /** Row index for `indicators.N.deviation`, else null. */
  row: number | null;
  rowFacts: RowFacts | null;
  /** Facts of every row (the goals text sums them up). */
  rows: RowFacts[];
  outcome: Outcome;
  /** The profile requires text in this cell (always true for goals.actual). */
  needsText: boolean;
  maxChars: number;
  overAchievementRatio: number;
  allowed: AllowedNumber[];
  required: RequiredFact[];
  notes: ParsedNotes;
  /** The facts of the whole form, built once per scored form (core/facts). */
  core: FormFacts;
  /** What the user typed in the cell's chat: a source for figures and causes. */
  chat: string[];
}

export { DEFAULT_OVER_RATIO } from '../core/profiles/over-ratio.js';

/** The row index of a path, null for goals.actual; throws invalid_request on anything else. */
export function rowOfPath(path: string, form: Form): number | null {
  if (!isNarrativePath(path)) {
    throw new ZipingError('invalid_request', `无法起草 ${path}：只能起草 goals.actual 或 indicators.N.deviation`);
  }
  const row = narrativeRowIndex(path);
  if (row === null) return null;
  if (row >= form.indicators.length) {
    throw new ZipingError('invalid_request', `表中没有${rowLabel(row)}指标（${path}），共${form.indicators.length}行`);
  }
  return row;
}

export const KIND_LABELS: Record<string, string> = {
  positive: '正向指标',
  reverse: '反向指标',
  equal: '等于型指标',
  range: '区间指标',
  deadline: '时效指标',
  qualitative: '定性指标',
  unscorable: '无法自动评分的指标',
};

export const OUTCOME_LABELS: Record<Outcome, string> = {
  missed: '未完成年度指标值',
  'over-achievement': '实际完成值超出年度指标值较多',
  'reverse-exceeded': '实际值超出反向指标的上限',
  'qualitative-partial': '定性指标未完全达成',
  late: '未按期完成',
  generic: '得分低于分值',
};

function resultOf(report: ScoreReport, index: number): IndicatorResult | null {
  return report.indicators.find((r) => r.index === index) ?? report.indicators[index] ?? null;
}

/** The prompt template each outcome of core's facts (core/facts/outcome-kind.ts) is drafted with. */
const TEMPLATE_OUTCOME: Record<OutcomeKind, Outcome> = {
  late: 'late',
  'qualitative-partial': 'qualitative-partial',
  'reverse-exceeded': 'reverse-exceeded',
  'above-target': 'reverse-exceeded',
  'over-achieved': 'over-achievement',
  missed: 'missed',
  met: 'generic',
  'lost-points': 'generic',
  unscorable: 'generic',
};

/** The template outcome of row `index`, read from the form's facts (built once per report in core). */
export function outcomeOf(form: Form, report: ScoreReport, index: number): Outcome {
  const row = formFactsOf(form, report).rows[index];
  return row ? TEMPLATE_OUTCOME[row.outcome] : 'generic';
}

/** Grade of a qualitative row: the report's, the form's, or the mof-2020 band of score/weight. */
function gradeOf(result: IndicatorResult | null, indicator: Indicator): RowFacts['grade'] {
  const given = result?.grade ?? indicator.grade ?? null;
  if (given) return given;
  return gradeOfShare(result?.score ?? indicator.score ?? null, result?.weight ?? indicator.weight ?? null);
}

const DATE_KINDS = new Set(['年', '月', '日', '号', '年度', '季度']);

export function rowFacts(form: Form, report: ScoreReport, index: number): RowFacts {
  const indicator = form.indicators[index]!;
  const result = resultOf(report, index);
  const outcome = outcomeOf(form, report, index);
  const weight = result?.weight ?? indicator.weight ?? null;
  const target = firstQuantity(indicator.target);
  const actual = firstQuantity(indicator.actual);
  let completion: number | null = result?.completion ?? null;
  let deviationAmount: RowFacts['deviationAmount'] = null;
  const numeric =
    target &&
    actual &&
    !DATE_KINDS.has(target.unit ?? '') &&
    result?.kind !== 'deadline' &&
    result?.kind !== 'qualitative';
  if (numeric && (target.unit === actual.unit || !target.unit || !actual.unit)) {
    if (completion === null && target.value !== 0) completion = actual.value / target.value;
    deviationAmount = { value: Math.abs(actual.value - target.value), unit: target.unit ?? actual.unit };
  }
  // a missed or breached row whose numbers cannot be compared reads as the generic case
  const comparable = numeric ? completion !== null : false;
  const finalOutcome =
    !comparable && (outcome === 'missed' || outcome === 'reverse-exceeded' || outcome === 'over-achievement')
      ? 'generic'
      : outcome;
  return {
    index,
    indicator,
    result,
    outcome: finalOutcome,
    needsText: needsText(result, weight),
    target,
    actual,
    completion: numeric ? completion : null,
    deviationAmount,
    grade:
      result?.kind === 'qualitative' || finalOutcome === 'qualitative-partial' || finalOutcome === 'late'
        ? gradeOf(result, indicator)
        : null,
  };
}

/** Adds every number written in `text` to `out`, labelled `source`. */
function numbersIn(
  out: AllowedNumber[],
  text: string | null | undefined,
  source: string,
  opts: { noScores?: boolean } = {},
): void {
  if (!text) return;
  for (const n of findNumbers(text)) {
    if (opts.noScores && n.kind === 'score') continue;
    out.push({ value: n.value, unit: n.unit, kind: n.kind, source });
  }
}

function push(
  out: AllowedNumber[],
  value: number | null | undefined,
  kind: NumberKind,
  source: string,
  unit: string | null = null,
): void {
  if (value === null || value === undefined || !Number.isFinite(value)) return;
  out.push({ value, unit: unit ?? (kind === 'score' ? '分' : kind === 'percent' ? '%' : null), kind, source });
}

/**
 * The numbers a narrative may use: what is written in the form, the scores, rates and
 * deviations of the report, and the user's notes (scores excepted: a score comes from the
 * scorer, never from a note). `goals.actual` may use the whole form; a deviation cell its own
 * row plus the project-level figures (year, funding, totals, the over-achievement standard).
 */
export function allowedNumbers(
  form: Form,
  report: ScoreReport,
  rows: RowFacts[],
  overRatio: number,
  row: number | null = null,
): AllowedNumber[] {
  const inScope = (i: number) => row === null || i === row;
  const out: AllowedNumber[] = [];
  const unit = form.funding?.unit ?? '万元';
  push(out, form.year, 'other', '年度', '年');
  const p = form.project;
  for (const [key, label] of [
    ['name', '项目名称'],
    ['department', '主管部门'],
    ['implementer', '实施单位'],
    ['phone', '联系电话'],
  ] as const) {
    numbersIn(out, p[key], label);
  }
  const f = form.funding;
  if (f) {
    push(out, f.weight, 'score', '预算执行率分值');
    for (const [key, label] of [
      ['total', '年度资金总额'],
      ['appropriation', '当年财政拨款'],
      ['carryover', '上年结转资金'],
      ['other', '其他资金'],
    ] as const) {
      const r = f[key];
      if (!r) continue;
      push(out, r.initial, 'money', `${label}·年初预算数`, unit);
      push(out, r.annual, 'money', `${label}·全年预算数`, unit);
      push(out, r.executed, 'money', `${label}·全年执行数`, unit);
      push(out, r.score, 'score', `${label}·得分`);
    }
  }
  if (row === null) {
    numbersIn(out, form.goals?.expected, '预期目标');
    numbersIn(out, form.goals?.actual, '实际完成情况（表中原文）');
    numbersIn(out, form.goals?.notes, '补充事实（总体目标）', { noScores: true });
  }
  push(out, form.selfTotal, 'score', '表中总分');

  form.indicators.forEach((ind, i) => {
    if (!inScope(i)) return;
    const at = rowLabel(i);
    numbersIn(out, ind.name, `${at}·三级指标`);
    numbersIn(out, ind.target, `${at}·年度指标值`);
    numbersIn(out, ind.actual, `${at}·实际完成值`);
    numbersIn(out, ind.deviation, `${at}·偏差原因（表中原文）`);
    numbersIn(out, ind.notes, `${at}·补充事实`, { noScores: true });
    push(out, ind.weight, 'score', `${at}·分值`);
    push(out, ind.score, 'score', `${at}·自评得分`);
  });

  push(out, report.total, 'score', '核定总分');
  push(out, report.selfTotal, 'score', '自评总分');
  const fr = report.funding;
  if (fr.rate !== null) {
    push(out, fr.rate * 100, 'percent', '预算执行率');
    push(out, fr.rate, 'other', '预算执行率');
  }
  push(out, fr.score, 'score', '预算执行率得分');
  push(out, fr.ruleScore, 'score', '预算执行率规则得分');
  push(out, fr.selfScore, 'score', '预算执行率自评得分');
  push(out, fr.weight, 'score', '预算执行率分值');
  push(out, fr.budget, 'money', '全年预算数', unit);
  push(out, fr.executed, 'money', '全年执行数', unit);
  numbersIn(out, fr.explanation, '预算执行率评分说明');

  for (const rf of rows) {
    if (!inScope(rf.index)) continue;
    const at = rowLabel(rf.index);
    const r = rf.result;
    if (r) {
      push(out, r.ruleScore, 'score', `${at}·规则得分`);
      push(out, r.selfScore, 'score', `${at}·自评得分`);
      push(out, r.score, 'score', `${at}·核定得分`);
      push(out, r.weight, 'score', `${at}·分值`);
      if (r.weight !== null) push(out, Math.max(0, r.weight - r.score), 'score', `${at}·扣分`);
      numbersIn(out, r.explanation, `${at}·评分说明`);
    }
    if (rf.completion !== null) {
      push(out, rf.completion * 100, 'percent', `${at}·完成率`);
      push(out, Math.abs(rf.completion - 1) * 100, 'percent', `${at}·偏差率`);
      push(out, rf.completion, 'other', `${at}·完成倍数`, '倍');
    }
    if (rf.deviationAmount) {
      push(out, rf.deviationAmount.value, kindOfUnit(rf.deviationAmount.unit), `${at}·偏差量`, rf.deviationAmount.unit);
    }
  }

  push(out, overRatio * 100, 'percent', '超额完成认定标准');
  push(out, (overRatio - 1) * 100, 'percent', '超额完成认定标准');
  push(out, overRatio, 'other', '超额完成认定标准', '倍');
  if (row !== null) return out;
  // counts a summary may state
  push(out, form.indicators.length, 'other', '指标行数', '项');
  const byLevel = new Map<string, number>();
  for (const ind of form.indicators)
    byLevel.set(levelGroup(ind.level1), (byLevel.get(levelGroup(ind.level1)) ?? 0) + 1);
  for (const [group, n] of byLevel) push(out, n, 'other', `${group}指标项数`, '项');
  for (const group of byLevel.keys()) {
    const achieved = rows.filter(
      (rf) => levelGroup(rf.indicator.level1) === group && (!rf.needsText || rf.outcome === 'over-achievement'),
    ).length;
    push(out, achieved, 'other', `${group}指标达到年度指标值的项数`, '项');
  }
  const parts = goalParts(form.goals?.expected).length;
  if (parts) push(out, parts, 'other', '年度目标的方面数', '个');
  const byOutcome = new Map<string, number>();
  for (const rf of rows) if (rf.needsText) byOutcome.set(rf.outcome, (byOutcome.get(rf.outcome) ?? 0) + 1);
  for (const [o, n] of byOutcome) push(out, n, 'other', `${OUTCOME_LABELS[o as Outcome]}的指标项数`, '项');
  push(
    out,
    [...byOutcome.values()].reduce((a, b) => a + b, 0),
    'other',
    '需说明偏差的指标项数',
    '项',
  );
  return out;
}

const SHORT_TEXT = 30;

function requiredForRow(rf: RowFacts): RequiredFact[] {
  const ind = rf.indicator;
  const out: RequiredFact[] = [];
  const cellFact = (key: 'target' | 'actual', label: string, raw: string | null | undefined, q: FoundNumber | null) => {
    const text = (raw ?? '').trim();
    if (!text || /^[—\-/／无]+$/.test(text)) return;
    const short = text.length <= SHORT_TEXT;
    if (!q && !short) return;
    out.push({
      key,
      label,
      display: short ? text : q!.text,
      values: q ? [{ value: q.value, unit: q.unit, kind: q.kind }] : [],
      texts: short ? [text] : [],
    });
  };
  if (rf.outcome === 'qualitative-partial') {
    const r = rf.result;
    out.push({
      key: 'grade',
      label: '达成等级或得分',
      display: rf.grade ?? (r ? `${formatScore(r.score)}分` : ''),
      values: r ? [{ value: r.score, unit: '分', kind: 'score' }] : [],
      texts: rf.grade ? [rf.grade] : [],
    });
    return out;
  }
  cellFact('target', '年度指标值', ind.target, rf.target);
  cellFact('actual', '实际完成值', ind.actual, rf.actual);
  if (rf.completion !== null && ['missed', 'over-achievement', 'reverse-exceeded'].includes(rf.outcome)) {
    const values: RequiredFact['values'] = [
      { value: Math.abs(rf.completion - 1) * 100, unit: '%', kind: 'percent' },
      { value: rf.completion * 100, unit: '%', kind: 'percent' },
      { value: rf.completion, unit: '倍', kind: 'other' },
    ];
    if (rf.deviationAmount)
      values.push({
        value: rf.deviationAmount.value,
        unit: rf.deviationAmount.unit,
        kind: kindOfUnit(rf.deviationAmount.unit),
      });
    out.push({
      key: 'deviation',
      label: '偏差（偏差率、完成率或偏差量）',
      display: `偏差率${formatPercent(Math.abs(rf.completion - 1))}`,
      values,
      texts: [],
    });
  }
  return out;
}

function requiredForGoals(form: Form, report: ScoreReport): RequiredFact[] {
  const out: RequiredFact[] = [];
  const unit = form.funding?.unit ?? '万元';
  const executed = report.funding.executed ?? form.funding?.total?.executed ?? null;
  if (executed !== null && executed !== undefined) {
    out.push({
      key: 'executed',
      label: '全年执行数',
      display: `${formatNumber(executed, 4)}${unit}`,
      values: [{ value: executed, unit, kind: 'money' }],
      texts: [],
    });
  }
  if (report.funding.rate !== null) {
    out.push({
      key: 'executionRate',
      label: '预算执行率',
      display: formatPercent(report.funding.rate),
      values: [{ value: report.funding.rate * 100, unit: '%', kind: 'percent' }],
      texts: [],
    });
  }
  return out;
}

export interface FactsOptions {
  maxChars?: number;
  overAchievementRatio?: number;
  /** Default limit when the request gives none (the template's `maxChars`). */
  defaultMaxChars?: number;
  /** What the user typed in the cell's chat. */
  chat?: readonly string[];
}

/** The facts of one cell. Throws invalid_request for a path the form does not have. */
export function cellFacts(form: Form, report: ScoreReport, path: NarrativePath, options: FactsOptions = {}): CellFacts {
  const row = rowOfPath(path, form);
  const cell: CellKind = row === null ? 'goals' : 'deviation';
  const overRatio = options.overAchievementRatio ?? overAchievementRatio(report.profile);
  const rows = form.indicators.map((_, i) => rowFacts(form, report, i));
  const rf = row === null ? null : rows[row]!;
  const maxChars = options.maxChars ?? options.defaultMaxChars ?? DEFAULT_MAX_CHARS[cell];
  if (!Number.isInteger(maxChars) || maxChars < 10) {
    throw new ZipingError('invalid_request', `字数上限应为不小于10的整数，而不是 ${String(maxChars)}`);
  }
  return {
    path,
    cell,
    row,
    rowFacts: rf,
    rows,
    outcome: rf ? rf.outcome : 'generic',
    needsText: rf ? rf.needsText : true,
    maxChars,
    overAchievementRatio: overRatio,
    allowed: allowedNumbers(form, report, rows, overRatio, row),
    required: rf ? (rf.needsText ? requiredForRow(rf) : []) : requiredForGoals(form, report),
    notes: parseNotes(rf ? rf.indicator.notes : form.goals?.notes),
    core: formFactsOf(form, report, { overRatio }),
    chat: [...(options.chat ?? [])],
  };
}

/** Shorthand from a draft request. */
export function factsOf(req: DraftRequest, defaultMaxChars?: number): CellFacts {
  return cellFacts(req.form, req.report, req.path, {
    maxChars: req.maxChars,
    overAchievementRatio: req.overAchievementRatio,
    defaultMaxChars,
  });
}

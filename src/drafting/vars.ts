/**
 * Template variables of one cell (the names of variables.ts), and the choice of template for a
 * request. Pure.
 */
import type { Form } from '../core/schema/form.js';
import type { ScoreReport } from '../core/schema/report.js';
import { cellFacts, type CellFacts, type RowFacts } from './context.js';
import { OUTCOME_LABELS } from './outcome-labels.js';
import {
  fundingSentence,
  goalPartsSentence,
  groupSentence,
  shortfallSentence,
  shortName,
  subjectOf,
  toFixSentence,
  totalSentence,
  type Detail,
} from './goals.js';
import { unitInName } from '../core/index.js';
import { getProfile } from '../core/profiles/index.js';
import { actualWithUnit, cleanName, humanText, targetWithUnit } from './cell-text.js';
import { measureKind, pickVariant } from './measures.js';
import { parseNotes } from './notes.js';
import { formatNumber, formatPercent, formatScore } from './numbers.js';
import { renderTemplate, type PromptSet, type PromptTemplate } from './prompts.js';
import { normalizeText } from './text-tools.js';
import type { DraftRequest } from './types.js';
import type { TemplateVars } from './variables.js';
import { rowNumber } from '../core/schema/row-number.js';

export interface Prepared {
  facts: CellFacts;
  template: PromptTemplate;
}

/** The cell's facts and its template; the template's `maxChars` is the default limit. */
export function prepare(req: DraftRequest, prompts: PromptSet): Prepared {
  const facts = cellFacts(req.form, req.report, req.path, {
    overAchievementRatio: req.overAchievementRatio,
    maxChars: req.maxChars,
  });
  const template = prompts.forCell(facts.cell, facts.outcome);
  // the facts were made for this call alone: the template's limit is set in place, not copied
  if (req.maxChars === undefined && template.maxChars !== undefined) facts.maxChars = template.maxChars;
  return { facts, template };
}

const missing = (what: string) => `〔待补充：${what}〕`;

function withPeriod(text: string | null | undefined): string {
  const t = (text ?? '').trim();
  if (!t) return '';
  return /[。！？.!?]$/.test(t) ? t : `${t}。`;
}

/** The value of `actual` a sentence can quote: the cell (cleaned, with the target's unit) if short, else its first quantity. */
function quotableActual(
  raw: string | null | undefined,
  target: string | null | undefined,
  quantity: string | null | undefined,
  name: string,
): string {
  const t = actualWithUnit(raw, target, name);
  if (!t) return missing('实际完成值');
  if (t.length <= 30) return t;
  return quantity ?? `${t.slice(0, 28)}等`;
}

/** The cause and measure a person already wrote: notes first, then the cell's own text. */
function humanCauseAndMeasure(facts: CellFacts): { cause: string | null; measure: string | null } {
  const own = parseNotes(humanText(facts.rowFacts?.indicator.deviation));
  return { cause: facts.notes.cause ?? own.cause, measure: facts.notes.measure ?? own.measure };
}

/** What the profile does to an over-achieved row (财预〔2020〕10号“适度调减分值”; profiles' overAchievement.penalty). */
export function overPenaltyRule(profileId: string, ratio: number): string {
  let penalty: 'none' | 'manual' | 'zero' | { fixed: number } = 'manual';
  try {
    penalty = getProfile(profileId).settings.overAchievement.penalty;
  } catch {
    // unknown profile: the mof-2020 reading
  }
  const at = `实际完成值达到年度指标值的${formatPercent(ratio)}及以上`;
  if (penalty === 'zero') return `按本评分口径，${at}的指标不计分，须说明原因。`;
  if (typeof penalty === 'object')
    return `按本评分口径，${at}的指标定义为指标偏离，扣${formatScore(penalty.fixed)}分，须说明原因。`;
  if (penalty === 'none') return `按本评分口径，${at}不扣分，但须说明原因。`;
  return `按本评分口径，${at}须说明原因；指标值设定明显偏低的，可按偏离程度适度调减分值（由评价人确定，不自动扣分）。`;
}

/** The variables of every cell: the cell, the project, its funding and its total. */
function commonVars(form: Form, report: ScoreReport, facts: CellFacts): TemplateVars {
  const unit = form.funding?.unit ?? '万元';
  const budget = report.funding.budget ?? form.funding?.total?.annual ?? null;
  const executed = report.funding.executed ?? form.funding?.total?.executed ?? null;
  return {
    cellLabel: facts.cell === 'goals' ? '实际完成情况' : '偏差原因分析及改进措施',
    maxChars: String(facts.maxChars),
    year: String(form.year),
    projectName: form.project.name,
    unit,
    budget: budget !== null ? `${formatNumber(budget, 4)}${unit}` : missing('全年预算数'),
    executed: executed !== null ? `${formatNumber(executed, 4)}${unit}` : missing('全年执行数'),
    executionRate: report.funding.rate !== null ? formatPercent(report.funding.rate) : missing('预算执行率'),
    fundingScore: formatScore(report.funding.score),
    total: formatScore(report.total),
    grade: report.grade,
  };
}

/** The summary sentences of goals.actual, at `detail`. */
function goalsVars(form: Form, report: ScoreReport, facts: CellFacts, vars: TemplateVars, detail: Detail) {
  const { rows } = facts;
  return {
    goalPartsSentence: goalPartsSentence(form).sentence,
    outputSentence: groupSentence('产出', rows, detail),
    benefitSentence: groupSentence('效益', rows, detail),
    satisfactionSentence: groupSentence('满意度', rows, detail),
    shortfallSentence: shortfallSentence(rows, facts.overAchievementRatio, detail),
    toFixSentence: toFixSentence(rows),
    fundingSentence: fundingSentence(form, report, rows, {
      budget: vars.budget!,
      executed: vars.executed!,
      rate: vars.executionRate!,
    }),
    totalSentence: totalSentence(form),
    subject: subjectOf(form),
    goalsNotes: withPeriod(facts.notes.raw),
    indicatorCount: String(form.indicators.length),
  } satisfies TemplateVars;
}

/** The row's scores: weight, score, self and rule scores, points lost. */
function scoreVars(rf: RowFacts) {
  const ind = rf.indicator;
  const r = rf.result;
  const weight = r?.weight ?? ind.weight ?? null;
  const selfScore = r?.selfScore ?? ind.score ?? null;
  return {
    weight: weight !== null ? formatScore(weight) : missing('分值'),
    score: r ? formatScore(r.score) : ind.score != null ? formatScore(ind.score) : missing('得分'),
    selfScore: selfScore != null ? formatScore(selfScore) : missing('自评得分'),
    ruleScore: r?.ruleScore != null ? formatScore(r.ruleScore) : missing('规则得分'),
    scoreLoss: r && weight !== null ? formatScore(Math.max(0, weight - r.score)) : missing('扣分'),
  } satisfies TemplateVars;
}

/** How far the row is from its target: completion, deviation rate and amount, grade. */
function deviationVars(rf: RowFacts, facts: CellFacts) {
  const amount = rf.deviationAmount;
  const unit = amount ? (amount.unit ?? unitInName(rf.indicator.name)?.label ?? '') : '';
  return {
    completionPercent: rf.completion !== null ? formatPercent(rf.completion) : missing('完成率'),
    deviationPercent: rf.completion !== null ? formatPercent(Math.abs(rf.completion - 1)) : missing('偏差率'),
    deviationAmount: amount ? `${formatNumber(amount.value, 4)}${unit}` : missing('偏差量'),
    overRatioPercent: formatPercent(facts.overAchievementRatio),
    rowGrade: rf.grade ?? missing('达成等级'),
    // 自评为“达成” next to 未完全达成的原因 contradicts itself: the grade is stated only when below 达成
    gradeClause: rf.grade && rf.grade !== '达成' ? `，自评为“${rf.grade}”` : '',
    outcomeLabel: OUTCOME_LABELS[rf.outcome],
  } satisfies TemplateVars;
}

/** The variables of a deviation cell's row. */
function rowVars(report: ScoreReport, facts: CellFacts, rf: RowFacts) {
  const ind = rf.indicator;
  const name = cleanName(ind.name, rf.index);
  return {
    rowNumber: String(rowNumber(rf.index)),
    indicatorName: name,
    indicatorShortName: shortName(name),
    overPenaltyRule: overPenaltyRule(report.profile, facts.overAchievementRatio),
    level1: ind.level1 ?? '',
    level2: ind.level2 ?? '',
    target: targetWithUnit(ind.target, ind.name) || missing('年度指标值'),
    actual: quotableActual(ind.actual, ind.target, rf.actual?.text, name),
    ...scoreVars(rf),
    ...deviationVars(rf, facts),
    rowNotes: facts.notes.raw ?? '',
    scoreExplanation: rf.result?.explanation ?? '',
  } satisfies TemplateVars;
}

/** Every variable that applies to the cell. `detail` shortens the goals summary. */
export function templateVars(
  form: Form,
  report: ScoreReport,
  facts: CellFacts,
  template: PromptTemplate,
  detail: Detail = 2,
): TemplateVars {
  const vars = commonVars(form, report, facts);
  if (facts.cell === 'goals') return Object.assign(vars, goalsVars(form, report, facts, vars, detail));
  const rf = facts.rowFacts!;
  Object.assign(vars, rowVars(report, facts, rf));
  // the person's own cause and measure, else the template's defaults
  const own = humanCauseAndMeasure(facts);
  const measure = pickVariant(template.sections.defaultMeasure, measureKind(rf));
  vars.cause = own.cause ?? normalizeText(renderTemplate(template.sections.defaultCause, vars)).replace(/。$/, '');
  vars.measure = own.measure ?? normalizeText(renderTemplate(measure, vars)).replace(/。$/, '');
  return vars;
}

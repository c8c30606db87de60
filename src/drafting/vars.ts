/**
 * Template variables of one cell (the names of variables.ts), and the choice of template for a
 * request. Pure.
 */
import type { Form } from '../core/schema/form.js';
import type { ScoreReport } from '../core/schema/report.js';
import { cellFacts, KIND_LABELS, OUTCOME_LABELS, type CellFacts } from './context.js';
import { goalPartsSentence, groupSentence, shortfallSentence, type Detail } from './goals.js';
import { formatNumber, formatPercent, formatScore } from './numbers.js';
import { renderTemplate, type PromptSet, type PromptTemplate } from './prompts.js';
import { normalizeText } from './text-tools.js';
import type { DraftRequest } from './types.js';
import type { TemplateVars } from './variables.js';

export interface Prepared {
  facts: CellFacts;
  template: PromptTemplate;
}

/** The cell's facts and its template; the template's `maxChars` is the default limit. */
export function prepare(req: DraftRequest, prompts: PromptSet): Prepared {
  const base = cellFacts(req.form, req.report, req.path, { overAchievementRatio: req.overAchievementRatio, maxChars: req.maxChars });
  const template = prompts.forCell(base.cell, base.outcome);
  const facts = req.maxChars === undefined && template.maxChars !== undefined ? { ...base, maxChars: template.maxChars } : base;
  return { facts, template };
}

const missing = (what: string) => `〔待补充：${what}〕`;

function withPeriod(text: string | null | undefined): string {
  const t = (text ?? '').trim();
  if (!t) return '';
  return /[。！？.!?]$/.test(t) ? t : `${t}。`;
}

/** The value of `actual` a sentence can quote: the cell if short, else its first quantity. */
function quotableActual(raw: string | null | undefined, quantity: string | null | undefined): string {
  const t = (raw ?? '').trim();
  if (!t) return missing('实际完成值');
  if (t.length <= 30) return t;
  return quantity ?? `${t.slice(0, 28)}等`;
}

/** Every variable that applies to the cell. `detail` shortens the goals summary. */
export function templateVars(form: Form, report: ScoreReport, facts: CellFacts, template: PromptTemplate, detail: Detail = 2): TemplateVars {
  const unit = form.funding?.unit ?? '万元';
  const budget = report.funding.budget ?? form.funding?.total?.annual ?? null;
  const executed = report.funding.executed ?? form.funding?.total?.executed ?? null;
  const vars: TemplateVars = {
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

  if (facts.cell === 'goals') {
    vars.goalPartsSentence = goalPartsSentence(form).sentence;
    vars.outputSentence = groupSentence('产出', facts.rows, detail);
    vars.benefitSentence = groupSentence('效益', facts.rows, detail);
    vars.satisfactionSentence = groupSentence('满意度', facts.rows, detail);
    vars.shortfallSentence = shortfallSentence(facts.rows, facts.overAchievementRatio);
    vars.goalsNotes = withPeriod(facts.notes.raw);
    vars.indicatorCount = String(form.indicators.length);
    return vars;
  }

  const rf = facts.rowFacts!;
  const ind = rf.indicator;
  const r = rf.result;
  const weight = r?.weight ?? ind.weight ?? null;
  Object.assign(vars, {
    rowNumber: String(rf.index + 1),
    indicatorName: ind.name,
    level1: ind.level1 ?? '',
    level2: ind.level2 ?? '',
    target: (ind.target ?? '').trim() || missing('年度指标值'),
    actual: quotableActual(ind.actual, rf.actual?.text),
    weight: weight !== null ? formatScore(weight) : missing('分值'),
    score: r ? formatScore(r.score) : ind.score != null ? formatScore(ind.score) : missing('得分'),
    selfScore: r?.selfScore != null ? formatScore(r.selfScore) : ind.score != null ? formatScore(ind.score) : missing('自评得分'),
    ruleScore: r?.ruleScore != null ? formatScore(r.ruleScore) : missing('规则得分'),
    scoreLoss: r && weight !== null ? formatScore(Math.max(0, weight - r.score)) : missing('扣分'),
    completionPercent: rf.completion !== null ? formatPercent(rf.completion) : missing('完成率'),
    deviationPercent: rf.completion !== null ? formatPercent(Math.abs(rf.completion - 1)) : missing('偏差率'),
    deviationAmount: rf.deviationAmount ? `${formatNumber(rf.deviationAmount.value, 4)}${rf.deviationAmount.unit ?? ''}` : missing('偏差量'),
    overRatioPercent: formatPercent(facts.overAchievementRatio),
    rowGrade: rf.grade ?? missing('达成等级'),
    outcomeLabel: OUTCOME_LABELS[rf.outcome],
    rowNotes: facts.notes.raw ?? '',
    scoreExplanation: r?.explanation ?? '',
  } satisfies TemplateVars);
  vars.cause = facts.notes.cause ?? normalizeText(renderTemplate(template.sections.defaultCause, vars)).replace(/。$/, '');
  vars.measure = facts.notes.measure ?? normalizeText(renderTemplate(template.sections.defaultMeasure, vars)).replace(/。$/, '');
  return vars;
}

/** The kind of a row in Chinese, for the data block. */
export const kindLabel = (kind: string | undefined): string => (kind ? KIND_LABELS[kind] ?? kind : '未评分');

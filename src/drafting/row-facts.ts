/**
 * The numbers of one indicator row as the drafters use them: its target and actual as written,
 * completion, deviation, grade, and the template outcome its deviation text is drafted with. Pure.
 */
import { factsOf as formFactsOf } from '../core/facts/form-facts.js';
import { needsText } from '../core/facts/needs-text.js';
import { gradeOfShare } from '../core/facts/outcome-kind.js';
import type { OutcomeKind } from '../core/facts/types.js';
import type { Form, Indicator } from '../core/schema/form.js';
import type { IndicatorResult, ScoreReport } from '../core/schema/report.js';
import { firstQuantity, type FoundNumber } from './numbers.js';
import type { Outcome } from './types.js';

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

type Comparison = Pick<RowFacts, 'completion' | 'deviationAmount'> & { numeric: boolean };

/** Completion and deviation of two quantities with the same unit (or one without); dates and grades do not compare. */
function compare(target: FoundNumber | null, actual: FoundNumber | null, result: IndicatorResult | null): Comparison {
  const given = result?.completion ?? null;
  const dated = DATE_KINDS.has(target?.unit ?? '') || result?.kind === 'deadline' || result?.kind === 'qualitative';
  if (!target || !actual || dated) return { numeric: false, completion: null, deviationAmount: null };
  if (target.unit && actual.unit && target.unit !== actual.unit) {
    return { numeric: true, completion: given, deviationAmount: null };
  }
  return {
    numeric: true,
    completion: given ?? (target.value !== 0 ? actual.value / target.value : null),
    deviationAmount: { value: Math.abs(actual.value - target.value), unit: target.unit ?? actual.unit },
  };
}

/** The facts of row `index` of a scored form. */
export function rowFacts(form: Form, report: ScoreReport, index: number): RowFacts {
  const indicator = form.indicators[index]!;
  const result = resultOf(report, index);
  const outcome = outcomeOf(form, report, index);
  const weight = result?.weight ?? indicator.weight ?? null;
  const target = firstQuantity(indicator.target);
  const actual = firstQuantity(indicator.actual);
  const { numeric, completion, deviationAmount } = compare(target, actual, result);
  // a missed or breached row whose numbers cannot be compared reads as the generic case
  const comparable = numeric ? completion !== null : false;
  const finalOutcome =
    !comparable && (outcome === 'missed' || outcome === 'reverse-exceeded' || outcome === 'over-achievement')
      ? 'generic'
      : outcome;
  const graded = result?.kind === 'qualitative' || finalOutcome === 'qualitative-partial' || finalOutcome === 'late';
  return {
    index,
    indicator,
    result,
    outcome: finalOutcome,
    needsText: needsText(result, weight),
    target,
    actual,
    completion,
    deviationAmount,
    grade: graded ? gradeOf(result, indicator) : null,
  };
}

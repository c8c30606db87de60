/**
 * The facts of a whole form, built once from the form and its score report: the rows, the
 * funding and execution, the total and grade, the texts that may speak for causes (issue #13).
 */
import { getProfile } from '../profiles/index.js';
import { overAchievementRatio } from '../profiles/over-ratio.js';
import type { RowCells } from '../parse/row-cells.js';
import { unitAt } from '../parse/units.js';
import type { Form } from '../schema/form.js';
import type { IndicatorResult, ScoreReport } from '../schema/report.js';
import { FUNDING_ROW_NAMES } from '../schema/choices.js';
import { indicatorFacts } from './indicator-facts.js';
import type { FormFacts, FundingFacts, FundingLine } from './types.js';

function fundingFacts(form: Form, report: ScoreReport): FundingFacts {
  const f = form.funding;
  const lines: FundingLine[] = [];
  for (const [key, label] of FUNDING_ROW_NAMES) {
    const r = f?.[key];
    if (r)
      lines.push({ key, label, initial: r.initial ?? null, annual: r.annual ?? null, executed: r.executed ?? null });
  }
  const fr = report.funding;
  return {
    unit: unitAt(f?.unit ?? '万元')!.unit,
    budget: fr.budget ?? null,
    executed: fr.executed ?? null,
    rate: fr.rate,
    score: fr.score,
    weight: fr.weight,
    selfScore: fr.selfScore,
    ruleScore: fr.ruleScore,
    lines,
    reason: f?.reason ?? '',
  };
}

function resultAt(report: ScoreReport, index: number): IndicatorResult | null {
  // Rows are reported in order, so row `index` is normally at `index`
  const at = report.indicators[index];
  return at?.index === index ? at : (report.indicators.find((r) => r.index === index) ?? null);
}

export interface FactsOptions {
  /** Overrides the profile's over-achievement ratio. */
  overRatio?: number;
  /** Each row's cells as the scorer read them (`scoreForm` passes them, so no cell is parsed twice). */
  cells?: readonly (RowCells | undefined)[];
}

/** The facts of `form` as scored in `report` (`scoreForm(form)`). Pure; never throws for a scored form. */
export function buildFacts(form: Form, report: ScoreReport, options: FactsOptions = {}): FormFacts {
  let profile: ReturnType<typeof getProfile>;
  try {
    profile = getProfile(report.profile);
  } catch {
    profile = getProfile();
  }
  return {
    year: form.year,
    formType: form.formType,
    projectName: form.project.name,
    profile: report.profile,
    overRatio: options.overRatio ?? overAchievementRatio(report.profile),
    total: report.total,
    grade: report.grade,
    selfTotal: form.selfTotal ?? report.selfTotal,
    funding: fundingFacts(form, report),
    rows: form.indicators.map((row, index) =>
      indicatorFacts({
        row,
        index,
        result: resultAt(report, index),
        profile,
        year: form.year,
        cells: options.cells?.[index],
      }),
    ),
    goals: { expected: form.goals?.expected ?? '', existing: form.goals?.actual ?? '', notes: form.goals?.notes ?? '' },
  };
}

const CACHE = new WeakMap<ScoreReport, { form: Form; ratio: number; facts: FormFacts }[]>();

/**
 * `buildFacts` once per scored form and over-achievement ratio: later calls with the same form,
 * report and ratio reuse the facts. A ratio left out is the profile's, so it shares their entry.
 */
export function factsOf(form: Form, report: ScoreReport, options: FactsOptions = {}): FormFacts {
  const ratio = options.overRatio ?? overAchievementRatio(report.profile);
  const entries = CACHE.get(report) ?? [];
  const hit = entries.find((e) => e.form === form && e.ratio === ratio);
  if (hit) return hit.facts;
  const facts = buildFacts(form, report, { ...options, overRatio: ratio });
  // A few entries at most: the scorer's, and a drafter's or checker's with its own ratio
  CACHE.set(report, [...entries.slice(-3), { form, ratio, facts }]);
  return facts;
}

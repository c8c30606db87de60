/**
 * Scores a whole form under a rule profile and lists everything a reviewer would send back:
 * the one function behind the CLI, the API and the page.
 */
import { checkBudgetEchoes, checkGenericActuals, checkGoals, checkNames } from '../checks/content-checks.js';
import { checkFunding } from '../checks/funding-checks.js';
import { narrativeReportIssues } from '../checks/narrative/form-narratives.js';
import { checkExplanation } from '../checks/row-checks.js';
import { checkSelfTotal, selfScoreSum } from '../checks/total-checks.js';
import { checkWeights } from '../checks/weight-checks.js';
import { DecimalTally, scaled } from '../decimal.js';
import { isBlank } from '../parse/placeholder.js';
import { readRowCells, type RowCells } from '../parse/row-cells.js';
import { getProfile } from '../profiles/index.js';
import type { RuleProfile } from '../profiles/types.js';
import type { Form, Indicator } from '../schema/form.js';
import type { FundingResult, IndicatorResult, ReportIssue, ScoreReport, Severity } from '../schema/report.js';
import { finalScore, roundScore } from './final-score.js';
import { assertFiniteReport } from './finite-report.js';
import { scoreFunding } from './funding-score.js';
import { scoreIndicatorRule } from './indicator-rule.js';
import { at, type RowContext, rowContext } from './row-context.js';

export interface ScoreOptions {
  /** Rule profile id; overrides the form's `profile`. Default mof-2020. */
  profile?: string;
}

/**
 * The rank of each severity, errors first (form-format.md §2): a new severity fails to compile until
 * ranked. Typed from the schema but not read from it at run time: the page scores without zod.
 */
const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };
const SEVERITIES = Object.keys(SEVERITY_RANK).length;

/** An empty template row ("指标2", "……" with nothing else) is not a row (scoring-rules.md §9.3). */
function isTemplateRow(row: Indicator): boolean {
  return row.weight == null && row.score == null && isBlank(row.target) && isBlank(row.actual);
}

/** The row `ctx` is at scored; its issues go onto the report's list. */
function scoreRow(ctx: RowContext, cells: RowCells): IndicatorResult {
  const { row, index, profile } = ctx;
  const rule = scoreIndicatorRule(ctx, cells);
  const ruleScore = rule.ruleScore === null ? null : roundScore(rule.ruleScore, profile, row.weight);
  const score = finalScore(ctx, rule, ruleScore);
  const weight = row.weight ?? null;
  const reasons = profile.settings.reasonRequired;
  const needsExplanation =
    weight != null &&
    ((reasons.onScoreLoss && score < weight - 0.005) ||
      (reasons.onOverRatio && rule.flags.includes('over-achievement')));
  const result: IndicatorResult = {
    index,
    name: row.name,
    kind: rule.kind,
    ruleScore,
    selfScore: row.score ?? null,
    score,
    weight,
    needsExplanation,
    flags: rule.flags,
    explanation: rule.explanation,
    completion: rule.completion,
    grade: rule.grade,
  };
  checkExplanation(row, result, ctx.issues);
  return result;
}

const [DOT, F, G, I] = Array.from('.fgi', (c) => c.charCodeAt(0));

/**
 * Where an issue's cell sits, 0 … rows + 2: funding, goals, then rows in order, then the rest (the
 * weights, the total, the profile). Paths are the scorer's own, so a row path holds a row's index,
 * read from its digits in place (no slice, no Number: every issue of every report, issue #9); the
 * first character decides which prefix is compared at all.
 */
function cellOf(path: string, rows: number): number {
  const first = path.charCodeAt(0);
  if (first === F && path.startsWith('funding')) return 0;
  if (first === G && path.startsWith('goals')) return 1;
  if (first !== I || !path.startsWith('indicators.')) return rows + 2;
  let index = 0;
  for (let i = 11; i < path.length && path.charCodeAt(i) !== DOT; i += 1) {
    const digit = path.charCodeAt(i) - 0x30;
    if (digit < 0 || digit > 9) return rows + 2;
    index = index * 10 + digit;
  }
  return index < rows ? index + 2 : rows + 2;
}

/**
 * Sorts issues by severity, then by cell, keeping their order within a cell, each key computed once
 * (issue #9), with no comparison function called n log n times: a counting sort on the two small keys.
 */
function sortIssues(issues: ReportIssue[], rows: number): void {
  const cells = rows + 3;
  const keys: number[] = [];
  for (const issue of issues) keys.push(SEVERITY_RANK[issue.severity] * cells + cellOf(issue.path, rows));
  if (issues.length > 1) countingSort(issues, keys, SEVERITIES * cells);
}

/** Sorts `issues` by `keys` (each below `range`), stably: counts, then each issue to its slot. */
function countingSort(issues: ReportIssue[], keys: readonly number[], range: number): void {
  // Plain arrays: a typed array's buffer costs more to make than a form's issues take to sort
  const starts: number[] = new Array(range + 1).fill(0);
  for (const key of keys) starts[key + 1]! += 1;
  for (let k = 1; k < starts.length; k += 1) starts[k]! += starts[k - 1]!;
  const sorted = issues.slice();
  for (let i = 0; i < sorted.length; i += 1) issues[starts[keys[i]!]!++] = sorted[i]!;
}

/** The result of an empty template row ("指标2", "……" with nothing else). */
function templateResult(row: Indicator, index: number): IndicatorResult {
  return {
    index,
    name: row.name,
    kind: 'unscorable',
    ruleScore: null,
    selfScore: null,
    score: 0,
    weight: null,
    needsExplanation: false,
    flags: ['template-row'],
    explanation: '模板空行，不计分',
  };
}

/** Every row scored, its issues added to `issues`; each row's cells read once, kept for its facts. */
function scoreRows(form: Form, profile: RuleProfile, issues: ReportIssue[]) {
  const indicators: IndicatorResult[] = [];
  const cells: (RowCells | undefined)[] = [];
  const scores: number[] = [];
  const unsignedAs = profile.settings.quant.unsignedAs;
  // One context for every row, moved from row to row
  const ctx = rowContext(profile, issues);
  for (let index = 0; index < form.indicators.length; index += 1) {
    const row = form.indicators[index]!;
    const read = isTemplateRow(row) ? undefined : readRowCells(row, form.year, unsignedAs);
    cells.push(read);
    const result = read ? scoreRow(at(ctx, row, index), read) : templateResult(row, index);
    indicators.push(result);
    scores.push(result.score);
  }
  return { indicators, cells, scores };
}

/** Appends `found` to `issues` (most checks find nothing on most forms). */
function pushAll(issues: ReportIssue[], found: readonly ReportIssue[]): void {
  for (let i = 0; i < found.length; i += 1) issues.push(found[i]!);
}

/** The form-wide checks, onto `issues`: weights, the self total, goals, names, budget echoes, generic actuals. */
function formChecks(
  form: Form,
  funding: FundingResult,
  { scores, cells }: ReturnType<typeof scoreRows>,
  profile: RuleProfile,
  issues: ReportIssue[],
) {
  const finals = { funding: funding.score, rows: scores };
  // Each check's issues straight onto the list, in this order: no list of the lists (issue #9)
  pushAll(issues, checkWeights(form, funding.weight, profile));
  pushAll(issues, checkSelfTotal(form, finals));
  pushAll(issues, checkGoals(form));
  pushAll(issues, checkNames(form));
  pushAll(issues, checkBudgetEchoes(form, funding, cells));
  pushAll(issues, checkGenericActuals(form));
  return finals;
}

/** The cap the profile puts on the total at `rate`: the lowest `below` the rate is under (first of equals). */
function capAt(rate: number | null, profile: RuleProfile) {
  let cap: RuleProfile['settings']['exec']['totalCapByRate'][number] | undefined;
  if (rate == null) return cap;
  for (const c of profile.settings.exec.totalCapByRate) if (rate < c.below && (!cap || c.below < cap.below)) cap = c;
  return cap;
}

/** The total of the final scores, capped by the 执行率 where the profile caps it. */
function cappedTotal(funding: FundingResult, scores: readonly number[], profile: RuleProfile) {
  // As `sum([funding.score, ...scores])` adds them, without the list
  const tally = new DecimalTally();
  tally.add(funding.score);
  for (let i = 0; i < scores.length; i += 1) tally.add(scores[i]!);
  const total = tally.value;
  // 执行率 caps on the total (一体化 manual, province unidentified; scoring-rules.md §3.2)
  const cap = capAt(funding.rate, profile);
  if (!cap || total <= cap.maxTotal) return { total, issues: [] };
  const issue: ReportIssue = {
    severity: 'warning',
    path: 'funding.total.executed',
    code: 'total-capped-by-rate',
    message: `预算执行率低于${cap.below * 100}%，总分不超过${cap.maxTotal}分（原${total}分）`,
  };
  return { total: cap.maxTotal, issues: [issue] };
}

/**
 * `Number(value.toFixed(2))`, without writing the number out when it has at most 2 places already (a
 * sum of 分值-sized scores, or a cap): then it is its own value, and 0 for −0 as the text read back is.
 */
function atTwoPlaces(value: number): number {
  const hundredths = scaled(value, 2);
  if (hundredths === null) return Number(value.toFixed(2));
  return hundredths === 0 ? 0 : value;
}

/** Scores `form` deterministically; the profile comes from options, the form, or mof-2020. */
export function scoreForm(form: Form, options: ScoreOptions = {}): ScoreReport {
  const profile = getProfile(options.profile ?? form.profile ?? undefined);
  const funding = scoreFunding(form, profile);
  const issues: ReportIssue[] = [...funding.issues, ...checkFunding(form, funding.result)];
  const rows = scoreRows(form, profile, issues);
  const finals = formChecks(form, funding.result, rows, profile, issues);
  const { total, issues: capped } = cappedTotal(funding.result, rows.scores, profile);
  issues.push(...capped);
  if (profile.banner)
    issues.push({ severity: 'info', path: 'profile', code: 'profile-unverified', message: profile.banner });
  const grades = profile.settings.grades;
  const grade = grades.find((g) => total >= g.min)?.label ?? grades.at(-1)!.label;
  const report: ScoreReport = {
    profile: profile.id,
    total: atTwoPlaces(total),
    selfTotal: form.selfTotal ?? selfScoreSum(form, finals),
    grade,
    funding: funding.result,
    indicators: rows.indicators,
    issues,
  };
  // A narrative is checked against the scored figures, so its issues come last (issue #13); the
  // checks build the form's facts from the cells already read, only when a narrative names a figure
  report.issues.push(...narrativeReportIssues(form, report, rows.cells));
  sortIssues(report.issues, form.indicators.length);
  // Never a non-finite number out of the scorer, so none is ever stored (issue #8)
  return assertFiniteReport(report);
}

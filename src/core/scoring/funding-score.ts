/**
 * 预算执行率 and its score (scoring-rules.md §3.2): rate = 全年执行数 / 全年预算数 on the
 * 年度资金总额 row, score = 分值 × min(rate, 1), the denominator and mode set by the profile.
 */
import { DecimalTally, fixed, sameAt2 } from '../decimal.js';
import { div, fixedText, gt, gte, lt, type Num, num, ONE, times, toNumber } from '../fast-decimal.js';
import type { RuleProfile } from '../profiles/types.js';
import { FUNDING_SUB_ROWS } from '../schema/choices.js';
import type { Form, FundingRow } from '../schema/form.js';
import type { FundingResult, ReportIssue } from '../schema/report.js';
import { roundScore } from './final-score.js';

const HUNDRED = num(100);

type FundingScore = { result: FundingResult; issues: ReportIssue[] };

/** The denominator and executed amount the rate is taken from, with the issues of finding them. */
interface RateBasis {
  weight: number;
  selfScore: number | null;
  budget: number | null;
  executed: number | null;
  denominatorField: 'initial' | 'annual';
  denominatorName: string;
  issues: ReportIssue[];
}

/**
 * The sum of the numbers the 其中 rows give in `field`, or null when none gives one: a loop adding
 * as it reads (no list of rows, then of values: issue #9). The funding checks add the rows with it too.
 */
export function subRowSum(funding: Form['funding'], field: keyof FundingRow): number | null {
  const total = new DecimalTally();
  let any = false;
  for (const key of FUNDING_SUB_ROWS) {
    const value = funding?.[key]?.[field];
    if (typeof value !== 'number') continue;
    any = true;
    total.add(value);
  }
  return any ? total.value : null;
}

/** Scores the funding block; issues concern only the rate and its score. */
export function scoreFunding(form: Form, profile: RuleProfile): FundingScore {
  const basis = rateBasis(form, profile);
  if (!basis.budget) return noBudget(basis);
  if (basis.executed == null) {
    basis.issues.push({
      severity: 'error',
      path: 'funding.total.executed',
      code: 'funding-executed-missing',
      message: '全年执行数未填写',
    });
    basis.executed = 0;
  }
  return scoreRate(basis, basis.budget, basis.executed, profile);
}

function rateBasis(form: Form, profile: RuleProfile): RateBasis {
  const settings = profile.settings.exec;
  const total = form.funding?.total ?? null;
  const denominatorField = settings.denominator === 'initial' ? 'initial' : 'annual';
  const basis: RateBasis = {
    weight: form.funding?.weight ?? profile.settings.weights.exec,
    selfScore: total?.score ?? null,
    budget: total?.[denominatorField] ?? null,
    executed: total?.executed ?? null,
    denominatorField,
    denominatorName: settings.denominator === 'initial' ? '年初预算数' : '全年预算数',
    issues: [],
  };
  // 济南历城 forms/14 prints no 全年预算数 column: the 年初预算数 is the only budget there is
  if (basis.budget == null && denominatorField === 'annual' && total?.initial) {
    basis.budget = total.initial;
    basis.issues.push({
      severity: 'warning',
      path: 'funding.total.annual',
      code: 'funding-annual-missing',
      message: `全年预算数未填写，按年初预算数${basis.budget}计算执行率`,
    });
  }
  if (!basis.budget) budgetFromSubRows(form, basis);
  return basis;
}

/** 池州 forms/07: the 年度资金总额 row reads 0 while 其中 rows carry the money (§9.18). */
function budgetFromSubRows(form: Form, basis: RateBasis): void {
  const fromRows = subRowSum(form.funding, basis.denominatorField);
  if (!fromRows) return;
  basis.budget = fromRows;
  basis.executed = subRowSum(form.funding, 'executed') ?? basis.executed;
  basis.issues.push({
    severity: 'warning',
    path: `funding.total.${basis.denominatorField}`,
    code: 'funding-total-from-subrows',
    message: `年度资金总额的${basis.denominatorName}为空或为0，按“其中”各行合计${fromRows}计算执行率`,
  });
}

function noBudget(basis: RateBasis): FundingScore {
  const { weight, selfScore, budget, executed, denominatorField, denominatorName, issues } = basis;
  issues.push({
    severity: 'error',
    path: `funding.total.${denominatorField}`,
    code: 'funding-budget-missing',
    message: `${denominatorName}为空或为0，无法计算预算执行率`,
  });
  const explanation = `${denominatorName}缺失，无法计算预算执行率`;
  const result = {
    rate: null,
    ruleScore: null,
    selfScore,
    score: selfScore ?? 0,
    weight,
    budget,
    executed,
    explanation,
  };
  return { result, issues };
}

/** The rule score of `rate` under the profile's mode, and the formula for the explanation. */
function ruleOfRate(rate: Num, weight: number, profile: RuleProfile): { rule: Num; formula: string } {
  const mode = profile.settings.exec.mode;
  if (mode.kind === 'threshold' && gte(rate, num(mode.fullAt))) {
    return { rule: num(weight), formula: `执行率不低于${fixed(mode.fullAt * 100)}%，得满分` };
  }
  const capped = gt(rate, ONE) ? ONE : rate;
  const rule = times(num(weight), capped);
  return { rule, formula: `得分 = ${weight} × ${fixedText(times(capped, HUNDRED))}% = ${fixedText(rule)}` };
}

function scoreRate(basis: RateBasis, budget: number, executed: number, profile: RuleProfile): FundingScore {
  const { weight, selfScore, denominatorName, issues } = basis;
  const rate = div(num(executed), num(budget));
  const { rule, formula } = ruleOfRate(rate, weight, profile);
  const ruleScore = roundScore(rule, profile, weight);
  const percent = fixedText(times(rate, HUNDRED));
  let explanation = `预算执行率 = 全年执行数${executed} / ${denominatorName}${budget} = ${percent}%，${formula}`;
  if (gt(rate, ONE)) explanation += '（执行率超过100%按100%计）';

  let score = ruleScore;
  if (selfScore != null && !sameAt2(selfScore, ruleScore)) {
    const above = selfScore > ruleScore;
    issues.push({
      severity: above ? 'error' : 'warning',
      path: 'funding.total.score',
      code: above ? 'self-score-above-rule' : 'self-score-below-rule',
      message: `预算执行率自评得分${selfScore}分${above ? '高于' : '低于'}规则得分${fixed(ruleScore)}分（执行率${percent}%）`,
    });
  } else if (selfScore != null) {
    score = selfScore;
  }
  const below = profile.settings.exec.reasonBelowRate;
  const needsExplanation = below != null && lt(rate, num(below));
  const rateNumber = toNumber(rate, 6);
  const result = {
    rate: rateNumber,
    ruleScore,
    selfScore,
    score,
    weight,
    budget,
    executed,
    needsExplanation,
    explanation,
  };
  return { result, issues };
}

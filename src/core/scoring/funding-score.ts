/**
 * 预算执行率 and its score (scoring-rules.md §3.2): rate = 全年执行数 / 全年预算数 on the
 * 年度资金总额 row, score = 分值 × min(rate, 1), the denominator and mode set by the profile.
 */
import { dec, fixed, sameAt2, type Big } from '../decimal.js';
import type { RuleProfile } from '../profiles/types.js';
import type { Form, FundingRow } from '../schema/form.js';
import type { FundingResult, ReportIssue } from '../schema/report.js';
import { roundScore } from './final-score.js';

const SUB_ROWS = ['appropriation', 'carryover', 'other'] as const;

function subRowSum(form: Form, field: keyof FundingRow): number | null {
  const values = SUB_ROWS.map((k) => form.funding?.[k]?.[field]).filter((v): v is number => typeof v === 'number');
  if (values.length === 0) return null;
  return Number(values.reduce((a, v) => a.plus(v), dec(0)).toString());
}

/** Scores the funding block; issues concern only the rate and its score. */
export function scoreFunding(form: Form, profile: RuleProfile): { result: FundingResult; issues: ReportIssue[] } {
  const settings = profile.settings.exec;
  const weight = form.funding?.weight ?? profile.settings.weights.exec;
  const total = form.funding?.total ?? null;
  const denominatorField = settings.denominator === 'initial' ? 'initial' : 'annual';
  const denominatorName = settings.denominator === 'initial' ? '年初预算数' : '全年预算数';
  const issues: ReportIssue[] = [];
  const selfScore = total?.score ?? null;

  let budget = total?.[denominatorField] ?? null;
  let executed = total?.executed ?? null;
  // 济南历城 forms/14 prints no 全年预算数 column: the 年初预算数 is the only budget there is
  if (budget == null && denominatorField === 'annual' && total?.initial) {
    budget = total.initial;
    issues.push({
      severity: 'warning',
      path: 'funding.total.annual',
      code: 'funding-annual-missing',
      message: `全年预算数未填写，按年初预算数${budget}计算执行率`,
    });
  }
  // 池州 forms/07: the 年度资金总额 row reads 0 while 其中 rows carry the money (§9.18)
  if (!budget) {
    const fromRows = subRowSum(form, denominatorField);
    if (fromRows) {
      budget = fromRows;
      executed = subRowSum(form, 'executed') ?? executed;
      issues.push({
        severity: 'warning',
        path: `funding.total.${denominatorField}`,
        code: 'funding-total-from-subrows',
        message: `年度资金总额的${denominatorName}为空或为0，按“其中”各行合计${budget}计算执行率`,
      });
    }
  }

  if (!budget) {
    issues.push({
      severity: 'error',
      path: `funding.total.${denominatorField}`,
      code: 'funding-budget-missing',
      message: `${denominatorName}为空或为0，无法计算预算执行率`,
    });
    return {
      result: {
        rate: null,
        ruleScore: null,
        selfScore,
        score: selfScore ?? 0,
        weight,
        budget,
        executed,
        explanation: `${denominatorName}缺失，无法计算预算执行率`,
      },
      issues,
    };
  }
  if (executed == null) {
    issues.push({
      severity: 'error',
      path: 'funding.total.executed',
      code: 'funding-executed-missing',
      message: '全年执行数未填写',
    });
    executed = 0;
  }

  const rate: Big = dec(executed).div(budget);
  const capped = rate.gt(1) ? dec(1) : rate;
  const mode = settings.mode;
  let rule: Big;
  let formula: string;
  if (mode.kind === 'threshold' && rate.gte(mode.fullAt)) {
    rule = dec(weight);
    formula = `执行率不低于${fixed(mode.fullAt * 100)}%，得满分`;
  } else {
    rule = dec(weight).times(capped);
    formula = `得分 = ${weight} × ${fixed(capped.times(100))}% = ${fixed(rule)}`;
  }
  const ruleScore = roundScore(rule, profile, weight);
  const rateNumber = Number(rate.round(6).toString());
  let explanation = `预算执行率 = 全年执行数${executed} / ${denominatorName}${budget} = ${fixed(rate.times(100))}%，${formula}`;
  if (rate.gt(1)) explanation += '（执行率超过100%按100%计）';

  let score = ruleScore;
  if (selfScore != null && !sameAt2(selfScore, ruleScore)) {
    const above = selfScore > ruleScore;
    issues.push({
      severity: above ? 'error' : 'warning',
      path: 'funding.total.score',
      code: above ? 'self-score-above-rule' : 'self-score-below-rule',
      message: `预算执行率自评得分${selfScore}分${above ? '高于' : '低于'}规则得分${fixed(ruleScore)}分（执行率${fixed(rate.times(100))}%）`,
    });
  } else if (selfScore != null) {
    score = selfScore;
  }
  const needsExplanation = settings.reasonBelowRate != null && rate.lt(settings.reasonBelowRate);
  return {
    result: { rate: rateNumber, ruleScore, selfScore, score, weight, budget, executed, needsExplanation, explanation },
    issues,
  };
}

/**
 * Which score is final (form-format.md §3): the self score where the rules allow it, else the
 * rule score with an issue that says why.
 */
import { fixed, sameAt2 } from '../decimal.js';
import { type Num, num, toNumber } from '../fast-decimal.js';
import { isFillerText } from '../parse/placeholder.js';
import type { RuleProfile } from '../profiles/types.js';
import type { Severity } from '../schema/report.js';
import { inBand } from './qualitative-score.js';
import { note, type RowContext } from './row-context.js';
import { addFlag, type RowOutcome } from './row-outcome.js';

/** An issue on the 得分 cell of the row `ctx` is at. */
function scoreIssue(ctx: RowContext, severity: Severity, code: string, message: string): void {
  note(ctx, severity, 'score', code, message);
}

/**
 * Why a self score above the row's 分值 is refused, or null: no row may score more than its weight
 * (财预〔2020〕10号 附件: 各指标得分不超过该指标分值). Numbers compare as their decimals do: a JS
 * number's shortest text is ordered as the number is.
 */
export function scoreAboveWeight(self: number | null, weight: number | null): string | null {
  return self != null && weight != null && self > weight ? `自评得分${self}分超过分值${weight}分` : null;
}

/**
 * The final score of the row `ctx` is at, from its rule outcome, rounded rule score, self score and
 * deviation text. What it adds goes straight where it belongs: flags onto `rule.flags` (the report
 * row's own), issues onto the report; a row that keeps its score makes nothing (issue #9).
 */
export function finalScore(ctx: RowContext, rule: RowOutcome, ruleScore: number | null): number {
  const self = ctx.row.score ?? null;
  const weight = ctx.row.weight ?? null;
  if (self == null) return ruleScore ?? 0;
  const message = scoreAboveWeight(self, weight);
  if (message && weight != null) {
    addFlag(rule.flags, 'self-score-above-weight');
    scoreIssue(ctx, 'error', 'score-above-weight', message);
    return ruleScore ?? weight;
  }
  if (ruleScore == null) return selfWithoutRule(ctx, rule, self);
  if (sameAt2(self, ruleScore)) return self;
  if (rule.band && inBand(self, rule.band)) return self;
  if (rule.manual) return manualSelf(ctx, self, ruleScore);
  return selfAgainstRule(ctx, rule, self, ruleScore);
}

/** No rule score: the self score stands, checked by a person unless the row already has an error. */
function selfWithoutRule(ctx: RowContext, rule: RowOutcome, self: number): number {
  if (ctx.errors > 0) return self;
  addFlag(rule.flags, 'rule-not-applicable');
  scoreIssue(ctx, 'warning', 'self-score-unchecked', `无法按规则计分，暂采用自评得分${self}分，请人工核定`);
  return self;
}

/** The profile leaves the row to a person: the self score stands, with the rule's figure beside it. */
function manualSelf(ctx: RowContext, self: number, ruleScore: number): number {
  const message = `本口径要求人工核定，采用自评得分${self}分（规则参考${fixed(ruleScore)}分）`;
  scoreIssue(ctx, 'info', 'manual-review', message);
  return self;
}

/** A self score off the rule score: the rule's stands, unless it was marked down for a low target. */
function selfAgainstRule(ctx: RowContext, rule: RowOutcome, self: number, ruleScore: number): number {
  const over = rule.flags.includes('over-achievement');
  const explained = !isFillerText(ctx.row.deviation);
  // 财预〔2020〕10号 [M]: a target set too low is marked down 适度, with the reason written
  if (self < ruleScore && over && explained && ctx.profile.settings.overAchievement.penalty === 'manual') {
    addFlag(rule.flags, 'marked-down-for-low-target');
    return self;
  }
  if (self > ruleScore) {
    addFlag(rule.flags, 'self-score-above-rule');
    const message = `自评得分${self}分高于规则得分${fixed(ruleScore)}分${explained ? '' : '，且未说明理由'}`;
    scoreIssue(ctx, 'error', 'self-score-above-rule', message);
    return ruleScore;
  }
  addFlag(rule.flags, 'self-score-below-rule');
  const why = over ? '超额完成时调减分值须在偏差原因中说明指标值设定偏低' : '未见规则依据';
  const message = `自评得分${self}分低于规则得分${fixed(ruleScore)}分，${why}，按规则得分计`;
  scoreIssue(ctx, 'warning', 'self-score-below-rule', message);
  return ruleScore;
}

/**
 * Rounds a rule score per the profile (half-up to 2 decimals under mof-2020), never above `weight`:
 * a full score of weight 2.675 rounds half-up to 2.68, so it is cut to 2.67 instead (issue #8).
 */
export function roundScore(value: Num, profile: RuleProfile, weight?: number | null): number {
  const { decimals, mode } = profile.settings.rounding;
  const rounded = toNumber(value, decimals, mode);
  if (weight == null || !(rounded > weight)) return rounded;
  return toNumber(num(weight), decimals, 'truncate');
}

/**
 * Which score is final (form-format.md §3): the self score where the rules allow it, else the
 * rule score with an issue that says why.
 */
import { fixed, sameAt2 } from '../decimal.js';
import { type Num, num, toNumber } from '../fast-decimal.js';
import { indicatorCellPath } from '../narratives/paths.js';
import { isFillerText } from '../parse/placeholder.js';
import type { RuleProfile } from '../profiles/types.js';
import type { Flag } from '../schema/flags.js';
import type { ReportIssue } from '../schema/report.js';
import { inBand } from './qualitative-score.js';
import type { RowOutcome } from './row-outcome.js';

export interface FinalScore {
  score: number;
  flags: readonly Flag[];
  issues: readonly ReportIssue[];
}

/** A row's index, rule outcome and self score, as the final score weighs them. */
interface Scores {
  index: number;
  rule: RowOutcome;
  self: number;
}

/** Nothing to add: one shared empty list, so a row that keeps its score allocates none (issue #9). */
const NONE: readonly never[] = Object.freeze([]);

const kept = (score: number): FinalScore => ({ score, flags: NONE, issues: NONE });

/** An issue on row `index`'s 得分 cell (its path is built only when there is one). */
function scoreIssue(index: number, severity: ReportIssue['severity'], code: string, message: string): ReportIssue {
  return { severity, path: indicatorCellPath(index, 'score'), code, message };
}

/**
 * Why a self score above the row's 分值 is refused, or null: no row may score more than its weight
 * (财预〔2020〕10号 附件: 各指标得分不超过该指标分值). Numbers compare as their decimals do: a JS
 * number's shortest text is ordered as the number is.
 */
export function scoreAboveWeight(self: number | null, weight: number | null): string | null {
  return self != null && weight != null && self > weight ? `自评得分${self}分超过分值${weight}分` : null;
}

/** Decides the final score of row `index` from its rule outcome, self score and deviation text. */
export function finalScore(
  index: number,
  rule: RowOutcome,
  ruleScore: number | null,
  self: number | null,
  weight: number | null,
  deviation: string | null | undefined,
  profile: RuleProfile,
): FinalScore {
  if (self == null) return kept(ruleScore ?? 0);
  const message = scoreAboveWeight(self, weight);
  if (message && weight != null) {
    return {
      score: ruleScore ?? weight,
      flags: ['self-score-above-weight'],
      issues: [scoreIssue(index, 'error', 'score-above-weight', message)],
    };
  }
  if (ruleScore == null) return selfWithoutRule({ index, rule, self });
  if (sameAt2(self, ruleScore)) return kept(self);
  if (rule.band && inBand(self, rule.band)) return kept(self);
  if (rule.manual) return manualSelf({ index, rule, self }, ruleScore);
  return selfAgainstRule({ index, rule, self }, ruleScore, !isFillerText(deviation), profile);
}

/** No rule score: the self score stands, checked by a person unless the row already has an error. */
function selfWithoutRule({ index, rule, self }: Scores): FinalScore {
  if (rule.issues.some((i) => i.severity === 'error')) return kept(self);
  const message = `无法按规则计分，暂采用自评得分${self}分，请人工核定`;
  return {
    score: self,
    flags: ['rule-not-applicable'],
    issues: [scoreIssue(index, 'warning', 'self-score-unchecked', message)],
  };
}

/** The profile leaves the row to a person: the self score stands, with the rule's figure beside it. */
function manualSelf({ index, self }: Scores, ruleScore: number): FinalScore {
  const message = `本口径要求人工核定，采用自评得分${self}分（规则参考${fixed(ruleScore)}分）`;
  return { score: self, flags: NONE, issues: [scoreIssue(index, 'info', 'manual-review', message)] };
}

/** A self score off the rule score: the rule's stands, unless it was marked down for a low target. */
function selfAgainstRule(
  { index, rule, self }: Scores,
  ruleScore: number,
  explained: boolean,
  profile: RuleProfile,
): FinalScore {
  const over = rule.flags.includes('over-achievement');
  // 财预〔2020〕10号 [M]: a target set too low is marked down 适度, with the reason written
  if (self < ruleScore && over && explained && profile.settings.overAchievement.penalty === 'manual') {
    return { score: self, flags: ['marked-down-for-low-target'], issues: NONE };
  }
  if (self > ruleScore) {
    const message = `自评得分${self}分高于规则得分${fixed(ruleScore)}分${explained ? '' : '，且未说明理由'}`;
    return {
      score: ruleScore,
      flags: ['self-score-above-rule'],
      issues: [scoreIssue(index, 'error', 'self-score-above-rule', message)],
    };
  }
  const why = over ? '超额完成时调减分值须在偏差原因中说明指标值设定偏低' : '未见规则依据';
  const message = `自评得分${self}分低于规则得分${fixed(ruleScore)}分，${why}，按规则得分计`;
  return {
    score: ruleScore,
    flags: ['self-score-below-rule'],
    issues: [scoreIssue(index, 'warning', 'self-score-below-rule', message)],
  };
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

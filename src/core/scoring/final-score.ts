/**
 * Which score is final (form-format.md §3): the self score where the rules allow it, else the
 * rule score with an issue that says why.
 */
import { dec, fixed, roundTo, sameAt2, type Big } from '../decimal.js';
import { isFillerText } from '../parse/placeholder.js';
import type { RuleProfile } from '../profiles/types.js';
import type { Flag } from '../schema/flags.js';
import type { ReportIssue } from '../schema/report.js';
import { inBand } from './qualitative-score.js';
import type { RowOutcome } from './row-outcome.js';

export interface FinalScore {
  score: number;
  flags: Flag[];
  issues: ReportIssue[];
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
  const path = `indicators.${index}.score`;
  const flags: Flag[] = [];
  if (self == null) return { score: ruleScore ?? 0, flags, issues: [] };
  if (weight != null && dec(self).gt(weight)) {
    return {
      score: ruleScore ?? weight,
      flags: ['self-score-above-weight'],
      issues: [
        { severity: 'error', path, code: 'score-above-weight', message: `自评得分${self}分超过分值${weight}分` },
      ],
    };
  }
  if (ruleScore == null) {
    if (rule.issues.some((i) => i.severity === 'error')) return { score: self, flags, issues: [] };
    return {
      score: self,
      flags: ['rule-not-applicable'],
      issues: [
        {
          severity: 'warning',
          path,
          code: 'self-score-unchecked',
          message: `无法按规则计分，暂采用自评得分${self}分，请人工核定`,
        },
      ],
    };
  }
  if (sameAt2(self, ruleScore)) return { score: self, flags, issues: [] };
  if (rule.band && inBand(self, rule.band)) return { score: self, flags, issues: [] };
  if (rule.manual) {
    return {
      score: self,
      flags,
      issues: [
        {
          severity: 'info',
          path,
          code: 'manual-review',
          message: `本口径要求人工核定，采用自评得分${self}分（规则参考${fixed(ruleScore)}分）`,
        },
      ],
    };
  }
  const explained = !isFillerText(deviation);
  // 财预〔2020〕10号 [M]: a target set too low is marked down 适度, with the reason written
  if (
    self < ruleScore &&
    rule.flags.includes('over-achievement') &&
    explained &&
    profile.settings.overAchievement.penalty === 'manual'
  ) {
    return { score: self, flags: ['marked-down-for-low-target'], issues: [] };
  }
  if (self > ruleScore) {
    return {
      score: ruleScore,
      flags: ['self-score-above-rule'],
      issues: [
        {
          severity: 'error',
          path,
          code: 'self-score-above-rule',
          message: `自评得分${self}分高于规则得分${fixed(ruleScore)}分${explained ? '' : '，且未说明理由'}`,
        },
      ],
    };
  }
  return {
    score: ruleScore,
    flags: ['self-score-below-rule'],
    issues: [
      {
        severity: 'warning',
        path,
        code: 'self-score-below-rule',
        message: `自评得分${self}分低于规则得分${fixed(ruleScore)}分，${rule.flags.includes('over-achievement') ? '超额完成时调减分值须在偏差原因中说明指标值设定偏低' : '未见规则依据'}，按规则得分计`,
      },
    ],
  };
}

/**
 * Rounds a rule score per the profile (half-up to 2 decimals under mof-2020), never above `weight`:
 * a full score of weight 2.675 rounds half-up to 2.68, so it is cut to 2.67 instead (issue #8).
 */
export function roundScore(value: Big, profile: RuleProfile, weight?: number | null): number {
  const { decimals, mode } = profile.settings.rounding;
  const rounded = roundTo(value, decimals, mode);
  if (weight == null || !dec(rounded).gt(weight)) return rounded;
  return roundTo(dec(weight), decimals, 'truncate');
}

/**
 * The fractions of a rule profile the row rules multiply by, as decimals: made once per scoring,
 * not once per row (issue #9).
 */
import { type Num, num } from '../fast-decimal.js';
import type { RuleSettings } from '../profiles/types.js';
import type { Grade } from '../schema/form.js';

export interface ProfileNums {
  /** Lower bounds of 达成 and 部分达成 as shares of 分值 (qual.bands). */
  achieved: Num;
  partial: Num;
  /** The point each grade gives, as a share of 分值 (qual.points). */
  points: Record<Grade, Num>;
  /** actual/target at or above this is over-achievement (overAchievement.flagRatio). */
  over: Num | null;
}

/** The profile's fractions as decimals. */
export function profileNums(settings: RuleSettings): ProfileNums {
  const { bands, points } = settings.qual;
  const over = settings.overAchievement.flagRatio;
  return {
    achieved: num(bands.achieved),
    partial: num(bands.partial),
    points: { 达成: num(points.achieved), 部分达成: num(points.partial), 未达成: num(points.notAchieved) },
    over: over === null ? null : num(over),
  };
}

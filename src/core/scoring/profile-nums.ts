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

/** The profile fractions `profileNums` made for a settings object, with the numbers it made them from. */
interface Made {
  from: readonly (number | null)[];
  nums: ProfileNums;
}

/** Made once per settings object (profiles are data, resolved once), not once per scoring (issue #9). */
const MADE = new WeakMap<RuleSettings, Made>();

/** The numbers the fractions are made from, in one list to compare. */
function sourceOf(settings: RuleSettings): (number | null)[] {
  const { bands, points } = settings.qual;
  return [
    bands.achieved,
    bands.partial,
    points.achieved,
    points.partial,
    points.notAchieved,
    settings.overAchievement.flagRatio,
  ];
}

/** True when the two lists hold the same numbers in order. */
function sameNumbers(a: readonly (number | null)[], b: readonly (number | null)[]): boolean {
  for (let i = 0; i < a.length; i += 1) if (a[i] !== b[i]) return false;
  return a.length === b.length;
}

/** The profile's fractions as decimals: made again only when its settings object or their numbers changed. */
export function profileNums(settings: RuleSettings): ProfileNums {
  const from = sourceOf(settings);
  const made = MADE.get(settings);
  if (made && sameNumbers(made.from, from)) return made.nums;
  const [achieved, partial, a, p, n, over] = from;
  const nums: ProfileNums = {
    achieved: num(achieved!),
    partial: num(partial!),
    points: { 达成: num(a!), 部分达成: num(p!), 未达成: num(n!) },
    over: over == null ? null : num(over),
  };
  MADE.set(settings, { from, nums });
  return nums;
}

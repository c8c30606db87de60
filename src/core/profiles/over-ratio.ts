/**
 * The over-achievement standard: actual/target at or above it counts as 超额完成较多 (mof-2020:
 * 1.2, scoring-rules.md §3.5). One function, read by the scorer's profile, routes and drafters.
 */
import { getProfile } from './index.js';

/** mof-2020's ratio, used when a profile sets none (the text still needs a standard to cite). */
export const DEFAULT_OVER_RATIO = 1.2;

/** The over-achievement ratio of a profile id; an unknown id or a profile without one gives 1.2. */
export function overAchievementRatio(profileId: string | null | undefined): number {
  try {
    return getProfile(profileId ?? undefined).settings.overAchievement.flagRatio ?? DEFAULT_OVER_RATIO;
  } catch {
    return DEFAULT_OVER_RATIO;
  }
}

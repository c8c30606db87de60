/**
 * Qualitative rows: three bands of 分值 (财预〔2020〕10号 [M]: 100–80%（含）, 80–60%（含）, 60–0%;
 * 湖北/济南 80/50). The grade picks the band; without one the self score says which band it is in.
 * Only the band asked for is made (issue #9).
 */
import { fixedText, gte, lt, lte, type Num, num, round, times, ZERO } from '../fast-decimal.js';
import type { Grade } from '../schema/form.js';
import type { ProfileNums } from './profile-nums.js';

export interface Band {
  grade: Grade;
  min: Num;
  max: Num;
  maxInclusive: boolean;
}

/** The lower bound of a grade's band of 分值 `w`, rounded to 2 decimals as pmkpi does (未达成 from 0). */
function lowerBound(grade: Grade, w: Num, nums: ProfileNums): Num {
  if (grade === '未达成') return ZERO;
  return round(times(w, grade === '达成' ? nums.achieved : nums.partial), 2);
}

/** The band of 分值 `w` that a grade allows. */
export function bandOf(grade: Grade, w: Num, nums: ProfileNums): Band {
  const min = lowerBound(grade, w, nums);
  if (grade === '达成') return { grade, min, max: w, maxInclusive: true };
  const max = lowerBound(grade === '部分达成' ? '达成' : '部分达成', w, nums);
  return { grade, min, max, maxInclusive: false };
}

/**
 * The band of 分值 `w` a self score falls in (未达成 when none holds it): the two lower bounds are
 * rounded once each and only the band that holds the score is made (issue #9).
 */
export function bandOfScore(score: number, w: Num, nums: ProfileNums): Band {
  const s = num(score);
  const achieved = lowerBound('达成', w, nums);
  if (gte(s, achieved) && lte(s, w)) return { grade: '达成', min: achieved, max: w, maxInclusive: true };
  const partial = lowerBound('部分达成', w, nums);
  if (gte(s, partial) && lt(s, achieved))
    return { grade: '部分达成', min: partial, max: achieved, maxInclusive: false };
  return { grade: '未达成', min: ZERO, max: partial, maxInclusive: false };
}

/** True when the decimal `s` lies in the band. */
function holds(band: Band, s: Num): boolean {
  return gte(s, band.min) && (band.maxInclusive ? lte(s, band.max) : lt(s, band.max));
}

/** True when `score` lies in the band. */
export function inBand(score: number, band: Band): boolean {
  return holds(band, num(score));
}

/** The deterministic point the profile gives inside a grade's band of 分值 `w`. */
export function pointOf(grade: Grade, w: Num, nums: ProfileNums): Num {
  return times(w, nums.points[grade]);
}

/** "8.00–10.00分" for explanations. */
export function describeBand(band: Band): string {
  return `${fixedText(band.min)}–${fixedText(band.max)}分`;
}

/**
 * Qualitative rows: three bands of 分值 (财预〔2020〕10号 [M]: 100–80%（含）, 80–60%（含）, 60–0%;
 * 湖北/济南 80/50). The grade picks the band; without one the self score says which band it is in.
 */
import { fixedText, gte, lt, lte, type Num, num, round, times, ZERO } from '../fast-decimal.js';
import type { RuleSettings } from '../profiles/types.js';
import type { Grade } from '../schema/form.js';

export interface Band {
  min: Num;
  max: Num;
  maxInclusive: boolean;
}

/** The three bands of 分值 `weight`, bounds rounded to 2 decimals as pmkpi does. */
export function bandsOf(weight: number, qual: RuleSettings['qual']): Record<Grade, Band> {
  const w = num(weight);
  const achieved = round(times(w, num(qual.bands.achieved)), 2);
  const partial = round(times(w, num(qual.bands.partial)), 2);
  return {
    达成: { min: achieved, max: w, maxInclusive: true },
    部分达成: { min: partial, max: achieved, maxInclusive: false },
    未达成: { min: ZERO, max: partial, maxInclusive: false },
  };
}

/** The band of 分值 `weight` that a grade allows. */
export function bandOf(grade: Grade, weight: number, qual: RuleSettings['qual']): Band {
  return bandsOf(weight, qual)[grade];
}

/** The grade whose band a self score falls in (未达成 when none holds it). */
export function gradeOfScore(score: number, bands: Record<Grade, Band>): Grade {
  if (inBand(score, bands.达成)) return '达成';
  return inBand(score, bands.部分达成) ? '部分达成' : '未达成';
}

/** True when `score` lies in the band. */
export function inBand(score: number, band: Band): boolean {
  const s = num(score);
  return gte(s, band.min) && (band.maxInclusive ? lte(s, band.max) : lt(s, band.max));
}

/** The deterministic point the profile gives inside a grade's band. */
export function pointOf(grade: Grade, weight: number, qual: RuleSettings['qual']): Num {
  const share =
    grade === '达成' ? qual.points.achieved : grade === '部分达成' ? qual.points.partial : qual.points.notAchieved;
  return times(num(weight), num(share));
}

/** "8.00–10.00分" for explanations. */
export function describeBand(band: Band): string {
  return `${fixedText(band.min)}–${fixedText(band.max)}分`;
}

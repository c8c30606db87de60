/**
 * The outcome of a row as a narrative must tell it, from the scored result's flags
 * (scoring-rules.md §3.5–3.7): late beats everything, then a qualitative row short of 达成,
 * then a breached cap, over-achievement, a missed target, points lost for another reason.
 */
import type { Grade } from '../schema/form.js';
import type { IndicatorResult } from '../schema/report.js';
import type { Direction, OutcomeKind } from './types.js';

const EPS = 0.005;

/** The outcome kind of a scored row. */
export function outcomeKind(result: IndicatorResult | null, direction: Direction, grade: Grade | null): OutcomeKind {
  if (!result || result.kind === 'unscorable') return 'unscorable';
  const flags = result.flags;
  const short = result.weight !== null && result.score < result.weight - EPS;
  if (flags.includes('late')) return 'late';
  if (result.kind === 'qualitative' && (grade === '部分达成' || grade === '未达成' || short))
    return 'qualitative-partial';
  if (flags.includes('target-exceeded')) return direction === 'le' ? 'reverse-exceeded' : 'above-target';
  if (flags.includes('over-achievement')) return 'over-achieved';
  if (flags.includes('target-missed')) return 'missed';
  return short ? 'lost-points' : 'met';
}

/** The mof-2020 grade band of score/weight: ≥80% 达成, ≥60% 部分达成, else 未达成 (§3.4). */
export function gradeOfShare(score: number | null, weight: number | null): Grade | null {
  if (score === null || weight === null || weight <= 0) return null;
  const share = score / weight;
  return share >= 0.8 - 1e-9 ? '达成' : share >= 0.6 - 1e-9 ? '部分达成' : '未达成';
}

/**
 * Whether an indicator row needs a 偏差原因分析及改进措施 text: the scorer asks for one (a row
 * missed, exceeded or reversed, scoring-rules.md), or the row lost points against its 分值
 * (财预〔2020〕10号: 未完成绩效目标或偏离绩效目标较大的要说明原因). Shared by the facts, the drafter
 * and the list of cells to draft.
 */
import type { IndicatorResult } from '../schema/report.js';

/** Half a hundredth: scores are printed to two places, so a smaller gap is no lost point. */
const LOST_POINT = 0.005;

/** True when the row's result asks for an explanation; false for a row the report does not score. */
export function needsText(result: IndicatorResult | null | undefined, weight: number | null): boolean {
  if (!result) return false;
  return result.needsExplanation || (weight !== null && result.score < weight - LOST_POINT);
}

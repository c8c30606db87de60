/**
 * The row flags of a score report (`indicators[].flags`, form-format.md §2): what the scorer noticed
 * about a row, each with its one Chinese label (the page's chips, the drafter's prompt facts).
 * Plain data without zod, so the page loads it with the scorer; report.ts makes it a zod enum.
 */

/** Every flag the scorer sets, with its label. */
export const FLAG_LABELS = {
  'target-missed': '未达到指标值', // scoring-rules.md §3: 实际完成值 below a positive 指标值
  'target-exceeded': '超过指标值', // above the 指标值 (a reverse indicator's cap, or a positive one exceeded)
  'over-achievement': '超额完成较多', // 财预〔2020〕10号: over-achievement to explain (profiles' over ratio)
  'far-below-cap': '远低于上限', // scoring-rules.md §3.6: a cost far below its cap
  'ill-set-target': '指标值设置不当', // a 0 指标值 is always met
  'negative-actual': '实际值为负', // pmkpi: a negative actual counts as 0
  'actual-missing': '缺实际完成值',
  'actual-copied-sign': '实际值带比较符号', // 实际完成值 repeats the target's ≥/≤
  'unit-conflict': '单位不一致', // target and actual in units that do not convert
  late: '未按期完成', // a deadline indicator finished late
  'manual-review': '需人工复核', // the profile leaves the score to a person
  'template-row': '模板空行', // an untouched row of the blank template
  'self-score-above-weight': '自评高于分值',
  'self-score-above-rule': '自评高于规则得分',
  'self-score-below-rule': '自评低于规则得分',
  'marked-down-for-low-target': '指标值偏低已扣分', // 财预〔2020〕10号 [M]: marked down 适度, reason written
  'rule-not-applicable': '规则不适用', // no rule scores the row: the self score stands
} as const satisfies Record<string, string>;

/** A row flag. */
export type Flag = keyof typeof FLAG_LABELS;

/** The flags in one tuple (for the report's zod enum). */
export const FLAGS = Object.keys(FLAG_LABELS) as [Flag, ...Flag[]];

/** The Chinese label of a flag; a code not in the table (an older stored snapshot) shows as itself. */
export function flagLabel(flag: string): string {
  return (FLAG_LABELS as Record<string, string>)[flag] ?? flag;
}

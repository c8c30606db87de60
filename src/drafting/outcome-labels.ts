/** The Chinese names of a row's kind and of the outcome its deviation text is about (data block, prompts). */
import type { Outcome } from './types.js';

/** Indicator kinds of the score report (core/schema/report.ts) as the data block names them. */
export const KIND_LABELS: Record<string, string> = {
  positive: '正向指标',
  reverse: '反向指标',
  equal: '等于型指标',
  range: '区间指标',
  deadline: '时效指标',
  qualitative: '定性指标',
  unscorable: '无法自动评分的指标',
};

/** What a deviation text explains, per template outcome (types.ts). */
export const OUTCOME_LABELS: Record<Outcome, string> = {
  missed: '未完成年度指标值',
  'over-achievement': '实际完成值超出年度指标值较多',
  'reverse-exceeded': '实际值超出反向指标的上限',
  'qualitative-partial': '定性指标未完全达成',
  late: '未按期完成',
  generic: '得分低于分值',
};

/** The kind of a row in Chinese, for the data block. */
export const kindLabel = (kind: string | undefined): string => (kind ? (KIND_LABELS[kind] ?? kind) : '未评分');

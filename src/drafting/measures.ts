/**
 * Which default improvement measure fits a row: a template's `## 默认改进措施` may list one
 * measure per kind of indicator (`- 成本：…`, `- 数量：…`), because a capped cost, an
 * over-achieved count, a revenue shortfall and a late deadline each need different words
 * (issue #13: one measure pasted into every row is what a reviewer sends back). Pure.
 */
import type { RowFacts } from './context.js';

/** Kinds of indicator a measure is chosen by, in the order they are tried. */
export const MEASURE_KINDS = ['时效', '成本', '收入', '满意度', '比率', '数量', '质量', '效益', '其他'] as const;
export type MeasureKind = (typeof MEASURE_KINDS)[number];

const REVENUE = /收入|营收|收益|创收|利润|税收|销售额/;

/** The kind of indicator of a row, from its 二级指标, name and units (财预〔2020〕10号 附件的指标分类). */
export function measureKind(rf: RowFacts): MeasureKind {
  const ind = rf.indicator;
  const l1 = ind.level1 ?? '';
  const l2 = ind.level2 ?? '';
  const name = ind.name ?? '';
  const unit = rf.target?.unit ?? rf.actual?.unit ?? '';
  if (rf.outcome === 'late' || rf.result?.kind === 'deadline' || l2.includes('时效')) return '时效';
  if (l2.includes('成本') || (rf.result?.kind === 'reverse' && /元$/.test(unit))) return '成本';
  if (REVENUE.test(name)) return '收入';
  if (/满意/.test(`${l1}${l2}${name}`)) return '满意度';
  if (unit === '%') return '比率';
  // a count is a count even filed under 质量指标 (seed: 智算平台运行保障 ≥200台)
  if (unit && (rf.target || rf.actual)) return '数量';
  if (l2.includes('质量')) return '质量';
  if (rf.target || rf.actual) return '数量';
  if (l1.includes('效益')) return '效益';
  return '其他';
}

const VARIANT = /^\s{0,3}[-*]\s{0,3}([\u4e00-\u9fff]{1,4})\s{0,2}[:：]\s{0,2}(.+)$/;

/**
 * The line of a `## 默认改进措施` section for `kind`: the section may be one text, or a list of
 * `- 类别：措施` lines (类别 from MEASURE_KINDS, `其他` the fallback).
 */
export function pickVariant(section: string, kind: MeasureKind): string {
  const variants = new Map<string, string>();
  for (const line of section.split('\n')) {
    const m = VARIANT.exec(line);
    if (m) variants.set(m[1]!, m[2]!.trim());
  }
  if (!variants.size) return section;
  return variants.get(kind) ?? variants.get('其他') ?? [...variants.values()][0]!;
}

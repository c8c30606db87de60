/**
 * Weights a reviewer adds up: Σ 分值 = 100, and each 一级 block against the profile's weight
 * (财预〔2020〕10号 [M] 50/30/10/10; pmkpi "下级指标…录入合计应等于上级设置数" [C]).
 */
import { sum } from '../decimal.js';
import { indicatorCellPath } from '../narratives/paths.js';
import type { RuleProfile } from '../profiles/types.js';
import type { Form } from '../schema/form.js';
import type { ReportIssue } from '../schema/report.js';

type Level1Key = 'output' | 'benefit' | 'satisfaction';

/** Which profile weight a 一级指标 label belongs to; 成本指标 as 一级 (财预〔2021〕101号) counts with 产出. */
export function level1Key(label: string): Level1Key | null {
  // Words, not patterns: every row's label is read on every scoring (issue #9)
  if (label.includes('产出') || label.includes('成本')) return 'output';
  if (label.includes('效益') || label.includes('效果')) return 'benefit';
  if (label.includes('满意')) return 'satisfaction';
  return null;
}

const LEVEL1_NAME = { output: '产出指标（含成本指标）', benefit: '效益指标', satisfaction: '满意度指标' } as const;

/** The rows' weights in one pass: all of them after the funding weight, and each 一级 block's with its first row. */
function weightsOf(form: Form, fundingWeight: number) {
  const all = [fundingWeight];
  const blocks = { output: [] as number[], benefit: [] as number[], satisfaction: [] as number[] };
  const first: Partial<Record<Level1Key, number>> = {};
  for (let index = 0; index < form.indicators.length; index += 1) {
    const row = form.indicators[index]!;
    if (row.weight == null) continue;
    all.push(row.weight);
    const key = level1Key(row.level1);
    if (key === null) continue;
    blocks[key].push(row.weight);
    first[key] ??= index;
  }
  return { all, blocks, first };
}

/** Issues about how the weights add up. */
export function checkWeights(form: Form, fundingWeight: number, profile: RuleProfile): ReportIssue[] {
  const issues: ReportIssue[] = [];
  const weights = weightsOf(form, fundingWeight);
  const all = weights.all;
  if (all.length === 1) return issues;
  const total = sum(all);
  if (total !== 100) {
    issues.push({
      severity: 'error',
      path: 'indicators',
      code: 'weights-not-100',
      message: `分值合计${total}分（预算执行率${fundingWeight}分 + 指标${sum(all.slice(1))}分），应为100分`,
    });
  }
  if (fundingWeight !== profile.settings.weights.exec) {
    issues.push({
      severity: 'warning',
      path: 'funding.weight',
      code: 'funding-weight-differs',
      message: `预算执行率分值为${fundingWeight}分，本口径为${profile.settings.weights.exec}分`,
    });
  }
  if (profile.settings.validateWeightSums) blockIssues(weights, profile, issues);
  return issues;
}

/** Each 一级 block's weights against the profile's (pmkpi "下级指标…录入合计应等于上级设置数" [C]), onto `issues`. */
function blockIssues({ blocks, first }: ReturnType<typeof weightsOf>, profile: RuleProfile, issues: ReportIssue[]) {
  for (const key of ['output', 'benefit', 'satisfaction'] as const) {
    const block = blocks[key];
    const expected = profile.settings.weights[key];
    if (block.length === 0 && expected > 0) {
      issues.push({
        severity: 'warning',
        path: 'indicators',
        code: 'level1-missing',
        message: `缺少${LEVEL1_NAME[key]}（本口径${expected}分）`,
      });
    } else if (block.length > 0) {
      const total = sum(block);
      if (total === expected) continue;
      issues.push({
        severity: 'warning',
        path: indicatorCellPath(first[key]!, 'weight'),
        code: 'level1-weight-mismatch',
        message: `${LEVEL1_NAME[key]}分值合计${total}分，本口径为${expected}分`,
      });
    }
  }
}

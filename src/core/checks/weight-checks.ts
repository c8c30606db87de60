/**
 * Weights a reviewer adds up: Σ 分值 = 100, and each 一级 block against the profile's weight
 * (财预〔2020〕10号 [M] 50/30/10/10; pmkpi "下级指标…录入合计应等于上级设置数" [C]).
 */
import { sum } from '../decimal.js';
import type { RuleProfile } from '../profiles/types.js';
import type { Form } from '../schema/form.js';
import type { ReportIssue } from '../schema/report.js';

/** Which profile weight a 一级指标 label belongs to; 成本指标 as 一级 (财预〔2021〕101号) counts with 产出. */
export function level1Key(label: string): 'output' | 'benefit' | 'satisfaction' | null {
  if (/产出|成本/.test(label)) return 'output';
  if (/效益|效果/.test(label)) return 'benefit';
  if (/满意/.test(label)) return 'satisfaction';
  return null;
}

const LEVEL1_NAME = { output: '产出指标（含成本指标）', benefit: '效益指标', satisfaction: '满意度指标' } as const;

/** Issues about how the weights add up. */
export function checkWeights(form: Form, fundingWeight: number, profile: RuleProfile): ReportIssue[] {
  const issues: ReportIssue[] = [];
  const rows = form.indicators.filter((r) => r.weight != null);
  if (rows.length === 0) return issues;
  const total = sum([fundingWeight, ...rows.map((r) => r.weight!)]);
  if (total !== 100) {
    issues.push({
      severity: 'error',
      path: 'indicators',
      code: 'weights-not-100',
      message: `分值合计${total}分（预算执行率${fundingWeight}分 + 指标${sum(rows.map((r) => r.weight!))}分），应为100分`,
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
  if (!profile.settings.validateWeightSums) return issues;
  for (const key of ['output', 'benefit', 'satisfaction'] as const) {
    const block = rows.filter((r) => level1Key(r.level1) === key);
    const expected = profile.settings.weights[key];
    const actual = sum(block.map((r) => r.weight!));
    if (block.length === 0 && expected > 0) {
      issues.push({
        severity: 'warning',
        path: 'indicators',
        code: 'level1-missing',
        message: `缺少${LEVEL1_NAME[key]}（本口径${expected}分）`,
      });
    } else if (block.length > 0 && actual !== expected) {
      const first = form.indicators.indexOf(block[0]!);
      issues.push({
        severity: 'warning',
        path: `indicators.${first}.weight`,
        code: 'level1-weight-mismatch',
        message: `${LEVEL1_NAME[key]}分值合计${actual}分，本口径为${expected}分`,
      });
    }
  }
  return issues;
}

/**
 * Weights a reviewer adds up: Σ 分值 = 100, and each 一级 block against the profile's weight
 * (财预〔2020〕10号 [M] 50/30/10/10; pmkpi "下级指标…录入合计应等于上级设置数" [C]).
 */
import { DecimalTally, scaled } from '../decimal.js';
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

const LEVEL1_KEYS = ['output', 'benefit', 'satisfaction'] as const;

/** One 一级 block's weights as they are read: their sum and the index of its first row (-1: none yet). */
interface BlockWeights {
  total: DecimalTally;
  first: number;
}

const block = (): BlockWeights => ({ total: new DecimalTally(), first: -1 });

/**
 * The rows' weights added in one pass, no list kept (issue #9): all of them, and each 一级 block's
 * with its first row. Rows of one block stand together, so a label is read once per run of rows.
 */
function weightsOf(form: Form) {
  const rows = new DecimalTally();
  const blocks = { output: block(), benefit: block(), satisfaction: block() };
  let count = 0;
  let label: string | null = null;
  let key: Level1Key | null = null;
  for (let index = 0; index < form.indicators.length; index += 1) {
    const row = form.indicators[index]!;
    if (row.weight == null) continue;
    count += 1;
    // Its hundredths taken once for both sums
    const units = scaled(row.weight, 2);
    rows.add(row.weight, units);
    if (row.level1 !== label) {
      label = row.level1;
      key = level1Key(label);
    }
    if (key === null) continue;
    blocks[key].total.add(row.weight, units);
    if (blocks[key].first < 0) blocks[key].first = index;
  }
  return { count, rows, blocks };
}

/** Issues about how the weights add up. */
export function checkWeights(form: Form, fundingWeight: number, profile: RuleProfile): ReportIssue[] {
  const issues: ReportIssue[] = [];
  const weights = weightsOf(form);
  if (weights.count === 0) return issues;
  // As `sum([fundingWeight, ...weights])` adds them
  const all = new DecimalTally();
  all.add(fundingWeight);
  all.addTally(weights.rows);
  const total = all.value;
  if (total !== 100) {
    issues.push({
      severity: 'error',
      path: 'indicators',
      code: 'weights-not-100',
      message: `分值合计${total}分（预算执行率${fundingWeight}分 + 指标${weights.rows.value}分），应为100分`,
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
function blockIssues({ blocks }: ReturnType<typeof weightsOf>, profile: RuleProfile, issues: ReportIssue[]) {
  for (const key of LEVEL1_KEYS) {
    const { total, first } = blocks[key];
    const expected = profile.settings.weights[key];
    if (first < 0 && expected > 0) {
      issues.push({
        severity: 'warning',
        path: 'indicators',
        code: 'level1-missing',
        message: `缺少${LEVEL1_NAME[key]}（本口径${expected}分）`,
      });
    } else if (first >= 0 && total.value !== expected) {
      issues.push({
        severity: 'warning',
        path: indicatorCellPath(first, 'weight'),
        code: 'level1-weight-mismatch',
        message: `${LEVEL1_NAME[key]}分值合计${total.value}分，本口径为${expected}分`,
      });
    }
  }
}

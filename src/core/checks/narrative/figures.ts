/**
 * Every figure of a narrative traced to a source that may speak for it (issue #13). A figure
 * whose words say what it is (`偏差率`, `实际为`, `超出上限`, `得…分`) must equal that figure of the
 * row (of any row in 实际完成情况); others must exist, in a compatible unit, among the cell's knowns.
 */
import type { FormFacts } from '../../facts/types.js';
import type { NarrativeQuantity } from '../../narrative/quantities.js';
import { agrees, sameValueOtherUnit } from './matching.js';
import { projectKnowns, rowFigureKnowns, type Known } from './knowns.js';
import { CONTRADICTIONS, type CheckIssue, type NumberCheck } from './types.js';

const CLAIM_LABEL: Record<string, string> = {
  target: '年度指标值',
  actual: '实际完成值',
  'deviation-rate': '偏差率',
  'completion-rate': '完成率',
  excess: '超出量',
  shortfall: '差额',
  score: '得分',
  deduction: '扣分',
  weight: '分值',
  total: '总分',
  'execution-rate': '预算执行率',
  budget: '预算数',
  executed: '执行数',
};

const PROJECT_CLAIMS = new WeakMap<FormFacts, ReadonlyMap<string, readonly Known[]>>();

/** The project's figures a claim may name, in every cell (built once per form's facts). */
function projectClaims(f: FormFacts): ReadonlyMap<string, readonly Known[]> {
  const cached = PROJECT_CLAIMS.get(f);
  if (cached) return cached;
  const out = new Map<string, readonly Known[]>();
  const p = projectKnowns(f);
  for (const claim of ['budget', 'executed', 'execution-rate', 'total'] as const) out.set(claim, p[claim]!);
  // "超出指标值20%以上即为超额完成": the profile's standard is also an excess a text may cite
  const standard = p.other!.filter((k) => k.source === '超额完成认定标准');
  out.set('excess', standard);
  out.set('shortfall', standard);
  out.set('score', [...p.total!, ...p.other!.filter((k) => k.unit?.family === 'score')]);
  PROJECT_CLAIMS.set(f, out);
  return out;
}

/** Figures a claim is checked against, for the cell's row or (row null) every row. */
export function claimKnowns(f: FormFacts, row: number | null): Map<string, Known[]> {
  const out = new Map<string, Known[]>();
  const push = (claim: string, list: readonly Known[]) => {
    const known = out.get(claim);
    if (known) known.push(...list);
    else out.set(claim, [...list]);
  };
  for (const r of f.rows) {
    if (row !== null && r.index !== row) continue;
    for (const [claim, list] of Object.entries(rowFigureKnowns(r))) push(claim, list);
  }
  for (const [claim, list] of projectClaims(f)) if (claim !== 'score' || row === null) push(claim, list);
  return out;
}

const show = (k: Known): string => `${Number(k.value.toFixed(4))}${k.unit?.label ?? ''}`;

interface Verdict {
  source?: string;
  issue?: CheckIssue;
}

/**
 * What `q` is traced to, or the issue it raises. `pool()` lists every figure the cell may state;
 * with `contradictionsOnly` (the score report) a figure naming no claim is settled without it when
 * no table fact has its value in another unit, since only such a fact can make it contradict.
 */
function verdictOf(
  q: NarrativeQuantity,
  claims: Map<string, Known[]>,
  pool: () => readonly Known[],
  contradictionsOnly?: { table: readonly Known[] },
): Verdict {
  const span = q.span;
  const candidates = claims.get(q.claim) ?? [];
  const hit = candidates.find((k) => agrees(q, k));
  if (hit) return { source: hit.source };
  if (candidates.length === 0 && contradictionsOnly && !contradictionsOnly.table.some((k) => sameValueOtherUnit(q, k)))
    return {};
  const fromText = pool().find((k) => k.origin === 'text' && agrees(q, k));
  if (candidates.length > 0 && !fromText) {
    const other = q.claim === 'target' ? claims.get('actual') : q.claim === 'actual' ? claims.get('target') : undefined;
    const swapped = other?.find((k) => agrees(q, k));
    if (swapped) {
      return {
        issue: {
          code: 'swapped',
          span,
          message: `“${q.text}”是${swapped.source.split('·').pop()}，文中却写作${CLAIM_LABEL[q.claim]}：年度指标值与实际完成值写反了`,
        },
      };
    }
    const mismatch = candidates.find((k) => sameValueOtherUnit(q, k));
    if (mismatch)
      return {
        issue: { code: 'unit_mismatch', span, message: `“${q.text}”单位不符：${mismatch.source}为${show(mismatch)}` },
      };
    const comparable = candidates.filter((k) => !q.unit || !k.unit || k.unit.family === q.unit.family);
    if (comparable.length > 0) {
      const want = comparable
        .map((k) => `${k.source}为${show(k)}`)
        .slice(0, 3)
        .join('，');
      return {
        issue: {
          code: 'wrong_figure',
          span,
          message: `“${q.text}”与表中数据不符：${want}（按表计算，允许按所写位数四舍五入）`,
        },
      };
    }
  }
  if (fromText) return { source: fromText.source };
  const any = pool().find((k) => agrees(q, k));
  if (any) return { source: any.source };
  // only a figure of the table (a score, a weight, the row's own figures) makes a unit mismatch here
  const other = pool().find((k) => k.origin === 'fact' && sameValueOtherUnit(q, k));
  if (other) {
    return {
      issue: {
        code: 'unit_mismatch',
        span,
        message: `“${q.text}”在表中找不到；${q.value}只作为${other.source}（${show(other)}）出现，单位或含义不同`,
      },
    };
  }
  return {
    issue: {
      code: 'unknown_number',
      span,
      message: `数字“${q.text}”在表中、评分结果和补充事实中都找不到，请核实或删除`,
    },
  };
}

/** The number checks and issues of the quantities read in a text. */
export function checkFigures(
  quantities: readonly NarrativeQuantity[],
  claims: Map<string, Known[]>,
  pool: readonly Known[],
): { numbers: NumberCheck[]; issues: CheckIssue[] } {
  const numbers: NumberCheck[] = [];
  const issues: CheckIssue[] = [];
  for (const q of quantities) {
    const v = verdictOf(q, claims, () => pool);
    numbers.push({
      text: q.text,
      value: q.value,
      unit: q.unit?.label ?? null,
      span: q.span,
      found: !v.issue,
      claim: q.claim,
      ...(v.source ? { source: v.source } : {}),
    });
    if (v.issue) issues.push(v.issue);
  }
  return { numbers, issues };
}

/**
 * The issues of the quantities read in a text that contradict the table (wrong figure, unit, or
 * target and actual swapped): the same verdicts as `checkFigures`, reading the texts that lend
 * figures (`pool`, called at most once) only when a verdict needs them.
 */
export function figureContradictions(
  quantities: readonly NarrativeQuantity[],
  claims: Map<string, Known[]>,
  table: readonly Known[],
  pool: () => readonly Known[],
): CheckIssue[] {
  let read: readonly Known[] | null = null;
  const lazy = () => {
    read ??= pool();
    return read;
  };
  const issues: CheckIssue[] = [];
  for (const q of quantities) {
    const issue = verdictOf(q, claims, lazy, { table }).issue;
    if (issue && CONTRADICTIONS.has(issue.code)) issues.push(issue);
  }
  return issues;
}

/**
 * Every figure of a narrative traced to a source that may speak for it (issue #13). A figure
 * whose words say what it is (`偏差率`, `实际为`, `超出上限`, `得…分`) must equal that figure of the
 * row (of any row in 实际完成情况); others must exist, in a compatible unit, among the cell's knowns.
 */
import type { FormFacts } from '../../facts/types.js';
import type { NarrativeQuantity } from '../../narrative/quantities.js';
import { agrees, sameValueOtherUnit } from './matching.js';
import { cellParts, projectKnowns, rowFigureKnowns, type Known } from './knowns.js';
import type { CheckIssue, NumberCheck } from './types.js';

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

/** Figures a claim is checked against, for the cell's row or (row null) every row (built once per cell). */
export function claimKnowns(f: FormFacts, row: number | null): ReadonlyMap<string, readonly Known[]> {
  const cell = cellParts(f, row);
  cell.claims ??= buildClaims(f, row);
  return cell.claims;
}

function buildClaims(f: FormFacts, row: number | null): Map<string, readonly Known[]> {
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

type Claims = ReadonlyMap<string, readonly Known[]>;

interface Verdict {
  source?: string;
  issue?: CheckIssue;
}

/**
 * The contradiction a figure naming a claim raises when no figure of that claim agrees with it:
 * target and actual swapped, the claim's value in another unit, or another value; null if none.
 */
function claimIssue(q: NarrativeQuantity, claims: Claims, candidates: readonly Known[]): CheckIssue | null {
  const span = q.span;
  const other = q.claim === 'target' ? claims.get('actual') : q.claim === 'actual' ? claims.get('target') : undefined;
  const swapped = other?.find((k) => agrees(q, k));
  if (swapped) {
    const was = swapped.source.split('·').pop();
    const message = `“${q.text}”是${was}，文中却写作${CLAIM_LABEL[q.claim]}：年度指标值与实际完成值写反了`;
    return { code: 'swapped', span, message };
  }
  const mismatch = candidates.find((k) => sameValueOtherUnit(q, k));
  if (mismatch)
    return { code: 'unit_mismatch', span, message: `“${q.text}”单位不符：${mismatch.source}为${show(mismatch)}` };
  const comparable = candidates.filter((k) => !q.unit || !k.unit || k.unit.family === q.unit.family);
  if (comparable.length === 0) return null;
  const want = comparable
    .slice(0, 3)
    .map((k) => `${k.source}为${show(k)}`)
    .join('，');
  return { code: 'wrong_figure', span, message: `“${q.text}”与表中数据不符：${want}（按表计算，允许按所写位数四舍五入）` };
}

/** The issue of a figure no allowed source states: a table fact with its value in another unit, or unknown. */
function untracedIssue(q: NarrativeQuantity, other: Known | undefined): CheckIssue {
  if (other) {
    const message = `“${q.text}”在表中找不到；${q.value}只作为${other.source}（${show(other)}）出现，单位或含义不同`;
    return { code: 'unit_mismatch', span: q.span, message };
  }
  return { code: 'unknown_number', span: q.span, message: `数字“${q.text}”在表中、评分结果和补充事实中都找不到，请核实或删除` };
}

/** What `q` is traced to among its claim's figures and `pool` (every figure the cell may state), or its issue. */
function verdictOf(q: NarrativeQuantity, claims: Claims, pool: readonly Known[]): Verdict {
  const candidates = claims.get(q.claim) ?? [];
  const hit = candidates.find((k) => agrees(q, k));
  if (hit) return { source: hit.source };
  const fromText = pool.find((k) => k.origin === 'text' && agrees(q, k));
  if (candidates.length > 0 && !fromText) {
    const issue = claimIssue(q, claims, candidates);
    if (issue) return { issue };
  }
  const any = fromText ?? pool.find((k) => agrees(q, k));
  if (any) return { source: any.source };
  // only a figure of the table (a score, a weight, the row's own figures) makes a unit mismatch here
  return { issue: untracedIssue(q, pool.find((k) => k.origin === 'fact' && sameValueOtherUnit(q, k))) };
}

/** The number checks and issues of the quantities read in a text. */
export function checkFigures(
  quantities: readonly NarrativeQuantity[],
  claims: Claims,
  pool: readonly Known[],
): { numbers: NumberCheck[]; issues: CheckIssue[] } {
  const numbers: NumberCheck[] = [];
  const issues: CheckIssue[] = [];
  for (const q of quantities) {
    const v = verdictOf(q, claims, pool);
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
 * Whether a text the cell may draw on vouches for `q`: `textOnly`, a text a person wrote; else
 * any figure it may state (the table's first, then what its texts lend).
 */
export type Vouch = (q: NarrativeQuantity, textOnly: boolean) => boolean;

/**
 * The contradiction `q` raises, as `verdictOf` finds it, asking `vouch` only when a contradiction
 * would otherwise stand: a text that vouches for a figure can only clear it.
 */
function contradictionOf(q: NarrativeQuantity, claims: Claims, table: readonly Known[], vouch: Vouch): CheckIssue | null {
  const candidates = claims.get(q.claim) ?? [];
  if (candidates.some((k) => agrees(q, k))) return null;
  if (candidates.length > 0) {
    const issue = claimIssue(q, claims, candidates);
    if (issue) return vouch(q, true) ? null : issue;
  }
  // the table's facts come first in the pool, in this order: the first in another unit is the one named
  const other = table.find((k) => sameValueOtherUnit(q, k));
  if (!other || table.some((k) => agrees(q, k)) || vouch(q, false)) return null;
  return untracedIssue(q, other);
}

/**
 * The issues of the quantities read in a text that contradict the table (wrong figure, unit, or
 * target and actual swapped): the same verdicts as `checkFigures`, asking whether the texts that
 * lend figures vouch for one (`vouch`) only when a verdict needs it.
 */
export function figureContradictions(
  quantities: readonly NarrativeQuantity[],
  claims: Claims,
  table: readonly Known[],
  vouch: Vouch,
): CheckIssue[] {
  const issues: CheckIssue[] = [];
  for (const q of quantities) {
    const issue = contradictionOf(q, claims, table, vouch);
    if (issue) issues.push(issue);
  }
  return issues;
}

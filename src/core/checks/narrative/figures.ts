/**
 * Every figure of a narrative traced to a source that may speak for it (issue #13). A figure
 * whose words say what it is (`偏差率`, `实际为`, `超出上限`, `得…分`) must equal that figure of the
 * row (of any row in 实际完成情况); others must exist, in a compatible unit, among the cell's knowns.
 */
import type { NarrativeQuantity } from '../../narrative/quantities.js';
import { agrees, isCalendar, sameValueOtherUnit } from './matching.js';
import type { CellFigures, Claims } from './cell-figures.js';
import type { Known } from './knowns.js';
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

const show = (k: Known): string => `${Number(k.value.toFixed(4))}${k.unit?.label ?? ''}`;

interface Verdict {
  source?: string;
  issue?: CheckIssue;
}

/** The claim a figure swapped with its twin would be: 实际完成值 for 年度指标值, and back. */
const SWAP: Readonly<Record<string, string>> = { target: 'actual', actual: 'target' };

/** True when `k`'s unit may be compared with `q`'s at all (one family, or either has none). */
const comparable = (q: NarrativeQuantity, k: Known): boolean => !q.unit || !k.unit || k.unit.family === q.unit.family;

type ClaimFault = 'swapped' | 'unit_mismatch' | 'wrong_figure';

/**
 * What a figure naming a claim is when no figure of that claim agrees with it: target and actual
 * swapped, the claim's value in another unit, or another value; null when the claim names no figure
 * or none compares with it. Tried on the figures in place: only an issue's message builds them.
 */
function claimFault(q: NarrativeQuantity, claims: Claims): ClaimFault | null {
  if (!claims.names(q.claim)) return null;
  const twin = SWAP[q.claim];
  if (twin !== undefined && claims.someOf(twin, q, agrees)) return 'swapped';
  if (claims.someOf(q.claim, q, sameValueOtherUnit)) return 'unit_mismatch';
  return claims.someOf(q.claim, q, comparable) ? 'wrong_figure' : null;
}

/** The contradiction `fault` (from `claimFault`) raises, naming the table's figures. */
function claimIssue(q: NarrativeQuantity, claims: Claims, fault: ClaimFault): CheckIssue {
  const span = q.span;
  const candidates = claims.get(q.claim) ?? [];
  if (fault === 'swapped') {
    const swapped = claims.get(SWAP[q.claim]!)!.find((k) => agrees(q, k))!;
    const was = swapped.source.split('·').pop();
    const message = `“${q.text}”是${was}，文中却写作${CLAIM_LABEL[q.claim]}：年度指标值与实际完成值写反了`;
    return { code: 'swapped', span, message };
  }
  if (fault === 'unit_mismatch') {
    const mismatch = candidates.find((k) => sameValueOtherUnit(q, k))!;
    return { code: 'unit_mismatch', span, message: `“${q.text}”单位不符：${mismatch.source}为${show(mismatch)}` };
  }
  const want = candidates
    .filter((k) => comparable(q, k))
    .slice(0, 3)
    .map((k) => `${k.source}为${show(k)}`)
    .join('，');
  return {
    code: 'wrong_figure',
    span,
    message: `“${q.text}”与表中数据不符：${want}（按表计算，允许按所写位数四舍五入）`,
  };
}

/** The issue of a figure no allowed source states: a table fact with its value in another unit, or unknown. */
function untracedIssue(q: NarrativeQuantity, other: Known | undefined): CheckIssue {
  if (other) {
    const message = `“${q.text}”在表中找不到；${q.value}只作为${other.source}（${show(other)}）出现，单位或含义不同`;
    return { code: 'unit_mismatch', span: q.span, message };
  }
  return {
    code: 'unknown_number',
    span: q.span,
    message: `数字“${q.text}”在表中、评分结果和补充事实中都找不到，请核实或删除`,
  };
}

/** What `q` is traced to among its claim's figures and `pool` (every figure the cell may state), or its issue. */
function verdictOf(q: NarrativeQuantity, claims: Claims, pool: readonly Known[]): Verdict {
  const candidates = claims.get(q.claim) ?? [];
  const hit = candidates.find((k) => agrees(q, k));
  if (hit) return { source: hit.source };
  const fromText = pool.find((k) => k.origin === 'text' && agrees(q, k));
  const fault = candidates.length > 0 && !fromText ? claimFault(q, claims) : null;
  if (fault) return { issue: claimIssue(q, claims, fault) };
  const any = fromText ?? pool.find((k) => agrees(q, k));
  if (any) return { source: any.source };
  // only a figure of the table (a score, a weight, the row's own figures) makes a unit mismatch here
  return {
    issue: untracedIssue(
      q,
      pool.find((k) => k.origin === 'fact' && sameValueOtherUnit(q, k)),
    ),
  };
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
 * The contradiction `q` raises, as `verdictOf` finds it, asking the texts only when a contradiction
 * would otherwise stand (a text that vouches for a figure can only clear it); figures are tried in
 * place, and built only for the message of an issue that stands.
 */
function contradictionOf(q: NarrativeQuantity, cell: CellFigures): CheckIssue | null {
  if (cell.someOf(q.claim, q, agrees)) return null;
  const fault = claimFault(q, cell);
  if (fault) return cell.vouches(q, true) ? null : claimIssue(q, cell, fault);
  // the pool lists the table's facts in this order: the first in another unit is the one named
  const other = cell.factIndex(q, sameValueOtherUnit, q.value);
  if (other < 0 || cell.factIndex(q, agrees) >= 0 || cell.vouches(q, false)) return null;
  return untracedIssue(q, cell.factAt(other));
}

/**
 * True when `q` can contradict nothing: it names no figure (no claim), so only a table fact with its
 * value in another unit could speak against it, and a calendar figure is never compared so.
 */
function cannotContradict(q: NarrativeQuantity): boolean {
  return q.claim === 'none' && isCalendar(q.unit);
}

/** Makes the figures of a cell (row null: 实际完成情况), asked only when a quantity needs them. */
export interface CellSource {
  cell(row: number | null): CellFigures;
}

/**
 * The issues of the quantities read in a text, the cell of `row`, that contradict the table (wrong
 * figure, unit, or target and actual swapped): the same verdicts as `checkFigures`, reading the texts
 * that lend figures only when a verdict needs them. The cell's figures (from `source`) are made only
 * when a quantity needs them.
 */
export function figureContradictions(
  quantities: readonly NarrativeQuantity[],
  row: number | null,
  source: CellSource,
): CheckIssue[] {
  const issues: CheckIssue[] = [];
  let figures: CellFigures | null = null;
  // indexed: a for-of over the frozen readings calls the iterator and builds a result per step
  for (let i = 0; i < quantities.length; i++) {
    const q = quantities[i]!;
    if (cannotContradict(q)) continue;
    figures ??= source.cell(row);
    const issue = contradictionOf(q, figures);
    if (issue) issues.push(issue);
  }
  return issues;
}

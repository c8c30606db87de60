/**
 * The facts a cell must state (issue #13): a deviation cell its row's 年度指标值, 实际完成值 and
 * deviation (or, for a qualitative row, its grade or score); 实际完成情况 the year's spending and
 * 预算执行率. Stated means a figure in the text agrees with it, whatever numerals it is written in
 * (`不超过十人` states ≤10人).
 */
import type { FormFacts, IndicatorFacts } from '../../facts/types.js';
import type { NarrativeQuantity } from '../../narrative/quantities.js';
import { formatNumber } from '../../narrative/format.js';
import { unitNamed } from '../../parse/units.js';
import { agrees } from './matching.js';
import { projectKnowns, type Known } from './knowns.js';
import { rowFigureKnowns } from './row-figures.js';
import type { CheckIssue } from './types.js';

interface Required {
  label: string;
  display: string;
  knowns: readonly Known[];
  words: string[];
  /** A figure written as the target or the actual does not state this fact (≤10人 is not the 10人 over). */
  notAs?: readonly string[];
}

const NUMERIC = new Set(['missed', 'over-achieved', 'reverse-exceeded', 'above-target']);
const SHORT_CELL = 30;

function cellDisplay(text: string, k: Known | undefined): string {
  const t = text.trim();
  return t.length <= SHORT_CELL ? t : k ? `${formatNumber(k.value)}${k.unit?.label ?? ''}` : t.slice(0, SHORT_CELL);
}

function forRow(r: IndicatorFacts): Required[] {
  const figures = rowFigureKnowns(r);
  if (r.outcome === 'qualitative-partial') {
    const score = r.score === null ? '' : `${formatNumber(r.score)}分`;
    return [
      { label: '达成等级或得分', display: r.grade ?? score, knowns: figures.score!, words: r.grade ? [r.grade] : [] },
    ];
  }
  if (r.outcome === 'late') return lateParts(r);
  if (!NUMERIC.has(r.outcome) || r.completion === null) return [];
  const out: Required[] = [];
  for (const [label, cell, knowns] of [
    ['年度指标值', r.target.text, figures.target!],
    ['实际完成值', r.actual.text, figures.actual!],
  ] as const) {
    if (knowns.length > 0)
      out.push({
        label,
        display: cellDisplay(cell, knowns[0]),
        knowns,
        words: cell.trim().length <= SHORT_CELL ? [cell.trim()] : [],
      });
  }
  const deviation = [
    ...figures['deviation-rate']!,
    ...figures['completion-rate']!,
    ...figures.multiple!,
    ...(r.deviation ? figures.excess!.concat(figures.shortfall!) : []),
  ];
  out.push({
    label: '偏差（偏差率、完成率或偏差量）',
    display: `偏差率${formatNumber(r.deviationRate! * 100)}%`,
    knowns: deviation,
    words: [],
    notAs: ['target', 'actual'],
  });
  return out;
}

const MONTH = unitNamed('月')!;

/** A late row states its deadline and when it was done (the dates as the cells give them). */
function lateParts(r: IndicatorFacts): Required[] {
  const out: Required[] = [];
  for (const [label, cell] of [
    ['年度指标值', r.target],
    ['实际完成值', r.actual],
  ] as const) {
    const text = cell.text.trim();
    if (!text) continue;
    const knowns: Known[] = cell.date ? [{ value: cell.date.month, unit: MONTH, source: label, origin: 'fact' }] : [];
    out.push({ label, display: text.slice(0, SHORT_CELL), knowns, words: [text] });
  }
  return out;
}

function forGoals(f: FormFacts): Required[] {
  const p = projectKnowns(f);
  const out: Required[] = [];
  const unit = f.funding.unit.label;
  if (f.funding.executed !== null) {
    out.push({
      label: '全年执行数',
      display: `${formatNumber(f.funding.executed, 4)}${unit}`,
      knowns: p.executed!,
      words: [],
    });
  }
  if (f.funding.rate !== null) {
    out.push({
      label: '预算执行率',
      display: `${formatNumber(f.funding.rate * 100)}%`,
      knowns: p['execution-rate']!,
      words: [],
    });
  }
  return out;
}

/** `missing_fact` issues for the cell (row null: 实际完成情况). */
export function checkRequired(
  text: string,
  quantities: readonly NarrativeQuantity[],
  f: FormFacts,
  row: number | null,
): CheckIssue[] {
  const r = row === null ? null : f.rows[row];
  const required = r ? (r.needsText ? forRow(r) : []) : forGoals(f);
  return required
    .filter(
      (req) =>
        !req.words.some((w) => w && text.includes(w)) &&
        !quantities.some((q) => !req.notAs?.includes(q.claim) && req.knowns.some((k) => agrees(q, k))),
    )
    .map((req) => ({ code: 'missing_fact' as const, message: `缺少${req.label}：应写明“${req.display}”` }));
}

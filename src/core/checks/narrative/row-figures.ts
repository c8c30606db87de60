/**
 * A row's own figures (issue #13): the derived ones each claim of a narrative names (偏差率, 完成率,
 * 超出…, 得分) and the dates of its cells. The one home of what each claim of a row is checked
 * against; visited one by one, so a search over every row's figures builds only the one it finds.
 */
import type { IndicatorFacts } from '../../facts/types.js';
import { unitNamed, type Unit } from '../../parse/units.js';
import { rowLabel } from '../../schema/row-number.js';
import type { Known } from './knowns.js';

export const PERCENT = unitNamed('%')!;
export const MULTIPLE = unitNamed('倍')!;
export const SCORE = unitNamed('分')!;
export const MONTH = unitNamed('月')!;
export const YEAR: Unit = { ...unitNamed('年度')!, label: '年' };

/** The claims a row's figures answer, in the order the table lists them. */
export const ROW_CLAIMS = [
  'target',
  'actual',
  'deviation-rate',
  'completion-rate',
  'excess',
  'shortfall',
  'multiple',
  'score',
  'deduction',
  'weight',
] as const;
export type RowClaim = (typeof ROW_CLAIMS)[number];

/** Receives each figure of a row: its claim ('date' for a cell's date), value, unit and name. */
export type FigureSink = (claim: RowClaim | 'date', value: number, unit: Unit | null, what: string) => void;

function one(sink: FigureSink, claim: RowClaim, value: number | null | undefined, unit: Unit | null, what: string) {
  if (value === null || value === undefined) return;
  // a bare 万 on a cell (济南历城 "45万") is a multiplier, as the reader reads it in prose
  if (unit?.family === 'wan') sink(claim, value * 1e4, null, what);
  else sink(claim, value, unit, what);
}

/** What a row's deviation is, for a claim of excess or shortfall: 偏差量 and 偏差率. */
function deviation(sink: FigureSink, r: IndicatorFacts, claim: RowClaim, rate: number | null) {
  one(sink, claim, r.deviation?.value, r.deviation?.unit ?? null, '偏差量');
  one(sink, claim, rate, PERCENT, '偏差率');
}

/** Gives `r`'s derived figures to `sink` claim by claim, in ROW_CLAIMS order. */
export function eachRowFigure(r: IndicatorFacts, sink: FigureSink): void {
  const c = r.completion;
  const rate = r.deviationRate === null ? null : r.deviationRate * 100;
  one(sink, 'target', r.target.amount?.value, r.target.amount?.unit ?? null, '年度指标值');
  one(sink, 'target', r.target.low?.value, r.target.low?.unit ?? null, '年度指标值下限');
  one(sink, 'target', r.target.high?.value, r.target.high?.unit ?? null, '年度指标值上限');
  one(sink, 'actual', r.actual.amount?.value, r.actual.amount?.unit ?? null, '实际完成值');
  one(sink, 'deviation-rate', rate, PERCENT, '偏差率');
  one(sink, 'completion-rate', c === null ? null : c * 100, PERCENT, '完成率');
  if (c !== null && c > 1) {
    deviation(sink, r, 'excess', rate);
    one(sink, 'excess', c - 1, MULTIPLE, '超出倍数');
  }
  if (c !== null && c < 1) deviation(sink, r, 'shortfall', rate);
  one(sink, 'multiple', c, MULTIPLE, '完成倍数');
  one(sink, 'score', r.score, SCORE, '得分');
  one(sink, 'score', r.selfScore, SCORE, '自评得分');
  one(sink, 'score', r.ruleScore, SCORE, '规则得分');
  one(sink, 'deduction', r.deduction, SCORE, '扣分');
  one(sink, 'weight', r.weight, SCORE, '分值');
}

/** Gives `r`'s figures, then the month and (when written) year of its cells' dates: its table facts in order. */
export function eachRowFact(r: IndicatorFacts, sink: FigureSink): void {
  eachRowFigure(r, sink);
  for (const date of [r.target.date, r.actual.date]) {
    if (!date) continue;
    if (Number.isFinite(date.month)) sink('date', date.month, MONTH, '日期');
    if (!date.yearAssumed && Number.isFinite(date.year)) sink('date', date.year, YEAR, '日期');
  }
}

/** A figure of row `r` as a Known. */
export function rowKnown(r: IndicatorFacts, value: number, unit: Unit | null, what: string): Known {
  return { value, unit, source: `${rowLabel(r.index)}·${what}`, origin: 'fact' };
}

const ROW_FIGURES = new WeakMap<IndicatorFacts, Readonly<Record<RowClaim, readonly Known[]>>>();

/** A row's derived figures by claim, the ones a claim (偏差率, 完成率, 超出…) is checked against (built once per row). */
export function rowFigureKnowns(r: IndicatorFacts): Readonly<Record<RowClaim, readonly Known[]>> {
  let figures = ROW_FIGURES.get(r);
  if (!figures) {
    const out = Object.fromEntries(ROW_CLAIMS.map((c) => [c, [] as Known[]])) as Record<RowClaim, Known[]>;
    eachRowFigure(r, (claim, value, unit, what) => {
      out[claim as RowClaim].push(rowKnown(r, value, unit, what));
    });
    figures = out;
    ROW_FIGURES.set(r, figures);
  }
  return figures;
}

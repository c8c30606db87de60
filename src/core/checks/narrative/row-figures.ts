/**
 * A row's own figures (issue #13): the derived ones each claim of a narrative names (偏差率, 完成率,
 * 超出…, 得分) and the dates of its cells. The one home of what each claim of a row is checked
 * against: a fixed list of slots, each with its claim and name, filled with a row's values (NaN where
 * the row has none), so a table of every row's figures is numbers at known places (issue #9, speed).
 */
import type { Amount, IndicatorFacts } from '../../facts/types.js';
import type { MonthDate } from '../../parse/deadline.js';
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

/** A row figure's claim ('date' for a cell's date) and name. */
export interface RowSlot {
  claim: RowClaim | 'date';
  what: string;
}

/** Each figure a row may have, in the order the table lists them (the rows' claims in ROW_CLAIMS order). */
export const ROW_SLOTS: readonly RowSlot[] = [
  { claim: 'target', what: '年度指标值' },
  { claim: 'target', what: '年度指标值下限' },
  { claim: 'target', what: '年度指标值上限' },
  { claim: 'actual', what: '实际完成值' },
  { claim: 'deviation-rate', what: '偏差率' },
  { claim: 'completion-rate', what: '完成率' },
  { claim: 'excess', what: '偏差量' },
  { claim: 'excess', what: '偏差率' },
  { claim: 'excess', what: '超出倍数' },
  { claim: 'shortfall', what: '偏差量' },
  { claim: 'shortfall', what: '偏差率' },
  { claim: 'multiple', what: '完成倍数' },
  { claim: 'score', what: '得分' },
  { claim: 'score', what: '自评得分' },
  { claim: 'score', what: '规则得分' },
  { claim: 'deduction', what: '扣分' },
  { claim: 'weight', what: '分值' },
  // the month and (when written) year of the target's date, then of the actual's
  { claim: 'date', what: '日期' },
  { claim: 'date', what: '日期' },
  { claim: 'date', what: '日期' },
  { claim: 'date', what: '日期' },
];
/** How many slots a row has. */
export const SLOTS = ROW_SLOTS.length;
/** The slots of the derived figures (the dates come after). */
const FIGURE_SLOTS = 17;

/** The slots of each claim a row figure answers, in slot order ('date' is no claim a narrative makes). */
export const CLAIM_SLOTS: ReadonlyMap<string, readonly number[]> = new Map(
  ROW_CLAIMS.map((c) => [c, ROW_SLOTS.flatMap((s, i) => (s.claim === c ? [i] : []))]),
);

/** Where a row's figures are written, one after the other from `size`, with the slots written as bits. */
export interface FigureColumns {
  values: number[];
  units: (Unit | null)[];
  /** How many figures the columns hold (a column may be allocated longer). */
  size: number;
  /** The slots of the figures written by the last `fillRowFigures`, slot s as bit s. */
  slots: number;
}

/**
 * Writes the figure of slot `slot`, if the row has it; a bare 万 on a cell (济南历城 "45万") is a
 * multiplier, as prose reads it.
 */
function put(out: FigureColumns, slot: number, value: number | null | undefined, unit: Unit | null): void {
  if (value === null || value === undefined) return;
  const wan = unit !== null && unit.family === 'wan';
  out.values[out.size] = wan ? value * 1e4 : value;
  out.units[out.size] = wan ? null : unit;
  out.size++;
  out.slots |= 1 << slot;
}

function amount(out: FigureColumns, slot: number, a: Amount | null | undefined): void {
  if (a) put(out, slot, a.value, a.unit);
}

/** What a row's deviation is, for a claim of excess or shortfall (from `slot`): 偏差量 and 偏差率. */
function deviation(out: FigureColumns, slot: number, r: IndicatorFacts, rate: number | null): void {
  amount(out, slot, r.deviation);
  put(out, slot + 1, rate, PERCENT);
}

/** The month and (when written) year of a cell's date, from `slot`. */
function date(out: FigureColumns, slot: number, d: MonthDate | undefined): void {
  if (!d) return;
  if (Number.isFinite(d.month)) put(out, slot, d.month, MONTH);
  if (!d.yearAssumed && Number.isFinite(d.year)) put(out, slot + 1, d.year, YEAR);
}

/** Writes `r`'s figures to `out` in ROW_SLOTS order (those it has); with `dates` false, the derived figures only. */
export function fillRowFigures(r: IndicatorFacts, out: FigureColumns, dates = true): void {
  const c = r.completion;
  const rate = r.deviationRate === null ? null : r.deviationRate * 100;
  out.slots = 0;
  amount(out, 0, r.target.amount);
  amount(out, 1, r.target.low);
  amount(out, 2, r.target.high);
  amount(out, 3, r.actual.amount);
  put(out, 4, rate, PERCENT);
  put(out, 5, c === null ? null : c * 100, PERCENT);
  if (c !== null && c > 1) {
    deviation(out, 6, r, rate);
    put(out, 8, c - 1, MULTIPLE);
  }
  if (c !== null && c < 1) deviation(out, 9, r, rate);
  put(out, 11, c, MULTIPLE);
  put(out, 12, r.score, SCORE);
  put(out, 13, r.selfScore, SCORE);
  put(out, 14, r.ruleScore, SCORE);
  put(out, 15, r.deduction, SCORE);
  put(out, 16, r.weight, SCORE);
  if (!dates) return;
  date(out, FIGURE_SLOTS, r.target.date);
  date(out, FIGURE_SLOTS + 2, r.actual.date);
}

/** How many of the slots in `slots` (as bits) are below slot `slot`: where its figure is among a row's. */
export function slotsBelow(slots: number, slot: number): number {
  let x = slots & ((1 << slot) - 1);
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
}

/** The slot of the `n`th figure (from 0) of a row whose slots are `slots`. */
export function nthSlot(slots: number, n: number): number {
  let seen = 0;
  for (let s = 0; s < SLOTS; s++) if ((slots >>> s) & 1 && seen++ === n) return s;
  return -1;
}

/** Receives each figure of a row: its claim ('date' for a cell's date), value, unit and name. */
export type FigureSink = (claim: RowClaim | 'date', value: number, unit: Unit | null, what: string) => void;

/** Gives `r`'s figures, then (with `dates`) the month and year of its cells' dates: its table facts in order. */
export function eachRowFact(r: IndicatorFacts, sink: FigureSink, dates = true): void {
  const out: FigureColumns = { values: [], units: [], size: 0, slots: 0 };
  fillRowFigures(r, out, dates);
  for (let s = 0, i = 0; s < SLOTS; s++) {
    if (((out.slots >>> s) & 1) === 0) continue;
    sink(ROW_SLOTS[s]!.claim, out.values[i]!, out.units[i]!, ROW_SLOTS[s]!.what);
    i++;
  }
}

/** A figure of row `r` as a Known. */
export function rowKnown(r: IndicatorFacts, value: number, unit: Unit | null, what: string): Known {
  return { value, unit, source: `${rowLabel(r.index)}·${what}`, origin: 'fact' };
}

/** A row's derived figures by claim, the ones a claim (偏差率, 完成率, 超出…) is checked against. */
export function rowFigureKnowns(r: IndicatorFacts): Readonly<Record<RowClaim, readonly Known[]>> {
  const out = Object.fromEntries(ROW_CLAIMS.map((c) => [c, [] as Known[]])) as Record<RowClaim, Known[]>;
  eachRowFact(
    r,
    (claim, value, unit, what) => {
      out[claim as RowClaim].push(rowKnown(r, value, unit, what));
    },
    false,
  );
  return out;
}

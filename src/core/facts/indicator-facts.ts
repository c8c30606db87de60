/**
 * The facts of one indicator row: its cells read with the scorer's own parsers, the row's unit,
 * completion, deviation, scores and outcome (issue #13). Pure.
 */
import { scaled } from '../decimal.js';
import { abs, div, minus, num, ONE, toNumber, toPlainNumber } from '../fast-decimal.js';
import { deviationPath } from '../narratives/paths.js';
import type { ParsedActual } from '../parse/actual-parser.js';
import type { MonthDate } from '../parse/deadline.js';
import type { Quantity } from '../parse/quantity.js';
import { readRowCells, type RowCells } from '../parse/row-cells.js';
import type { ParsedTarget } from '../parse/target-parser.js';
import type { Unit } from '../parse/units.js';
import type { RuleProfile } from '../profiles/types.js';
import { valueInUnit } from '../scoring/quantitative-score.js';
import type { Indicator } from '../schema/form.js';
import type { IndicatorResult } from '../schema/report.js';
import { needsText } from './needs-text.js';
import { gradeOfShare, outcomeKind } from './outcome-kind.js';
import { unitInName } from './row-unit.js';
import type { Amount, CellReading, Direction, IndicatorFacts } from './types.js';

const amountOf = (q: Quantity, fallback: Unit | null): Amount => ({ value: q.value, unit: q.unit ?? fallback });

function directionOf(target: ParsedTarget): Direction {
  switch (target.kind) {
    case 'number':
      return target.sign === 'ge' || target.sign === 'gt'
        ? 'ge'
        : target.sign === 'le' || target.sign === 'lt'
          ? 'le'
          : 'eq';
    case 'range':
      return 'range';
    case 'deadline':
      return 'deadline';
    case 'level':
    case 'scale-list':
    case 'text':
      return 'qualitative';
    default:
      return 'unknown';
  }
}

/** A cell's reading, in one shape whatever was read (absent parts undefined, as JSON leaves them out). */
function cellReading(text: string, amount: Amount | null, low?: Amount, high?: Amount, date?: MonthDate): CellReading {
  return { text, amount, low, high, date };
}

function targetReading(text: string, target: ParsedTarget, unit: Unit | null): CellReading {
  if (target.kind === 'number') return cellReading(text, amountOf(target.quantity, unit));
  if (target.kind === 'range') return cellReading(text, null, amountOf(target.low, unit), amountOf(target.high, unit));
  if (target.kind === 'deadline') return cellReading(text, null, undefined, undefined, target.date);
  return cellReading(text, null);
}

function actualReading(text: string, actual: ParsedActual, unit: Unit | null): CellReading {
  if (actual.kind === 'number') return cellReading(text, amountOf(actual.quantity, unit));
  if (actual.kind === 'date') return cellReading(text, null, undefined, undefined, actual.date);
  return cellReading(text, null);
}

/** value converted into `unit` (same family), as a JS number rounded to 6 places. */
function valueIn(a: Amount, unit: Unit | null): number {
  const converts = a.unit && unit && a.unit.family === unit.family && a.unit.factor !== unit.factor;
  // Nothing to convert and no more than 6 places: the value itself, as the decimal arithmetic gives it
  if (!converts && scaled(a.value, 6) !== null) return a.value === 0 ? 0 : a.value;
  return toNumber(valueInUnit(a.value, a.unit, unit), 6);
}

/**
 * a − b as the decimal arithmetic gives it, when both have at most 6 places (then exact, so rounded
 * to 6 places or not it is the same number), else null: counted in millionths, no Num made (issue #9).
 */
function difference(a: number, b: number): number | null {
  const x = scaled(a, 6);
  const y = scaled(b, 6);
  if (x === null || y === null || !Number.isSafeInteger(x - y)) return null;
  return x === y ? 0 : (x - y) / 1e6;
}

/** |a − b| rounded to 6 places. */
const distance = (a: number, b: number): number =>
  Math.abs(difference(a, b) ?? toNumber(abs(minus(num(a), num(b))), 6));

/** |actual − target| in the row's unit; a range measures to its nearest bound. */
function deviationOf(target: CellReading, actual: CellReading, unit: Unit | null): Amount | null {
  if (!actual.amount) return null;
  const b = valueIn(actual.amount, unit);
  let a: number | null = target.amount ? valueIn(target.amount, unit) : null;
  if (target.low && target.high) {
    const low = valueIn(target.low, unit);
    const high = valueIn(target.high, unit);
    a = b < low ? low : b > high ? high : b;
  }
  if (a === null) return null;
  return { value: distance(b, a), unit };
}

function completionOf(
  result: IndicatorResult | null,
  target: CellReading,
  actual: CellReading,
  unit: Unit | null,
): number | null {
  if (result?.completion != null) return result.completion;
  if (!target.amount || !actual.amount) return null;
  const a = valueIn(target.amount, unit);
  return a === 0 ? null : toNumber(div(num(valueIn(actual.amount, unit)), num(a)), 6);
}

export interface RowInput {
  row: Indicator;
  index: number;
  result: IndicatorResult | null;
  profile: RuleProfile;
  year: number;
  /** The row's cells as the scorer read them (read here when absent). */
  cells?: RowCells;
}

/** The row's cells as read: their readings in the row's unit, and how actual compares to target. */
function readings(row: Indicator, { target, actual }: RowCells) {
  const targetUnit = target.kind === 'number' ? target.quantity.unit : target.kind === 'range' ? target.low.unit : null;
  const actualUnit = actual.kind === 'number' ? actual.quantity.unit : null;
  const unit = targetUnit ?? unitInName(row.name) ?? actualUnit;
  return {
    unit,
    direction: directionOf(target),
    target: targetReading(row.target ?? '', target, unit),
    actual: actualReading(row.actual ?? '', actual, unit),
  };
}

/** The facts of row `index`. */
export function indicatorFacts({ row, index, result, profile, year, cells }: RowInput): IndicatorFacts {
  const { unit, direction, target, actual } = readings(
    row,
    cells ?? readRowCells(row, year, profile.settings.quant.unsignedAs),
  );
  const numeric = direction === 'ge' || direction === 'le' || direction === 'eq' || direction === 'range';
  const completion = numeric ? completionOf(result, target, actual, unit) : null;
  const weight = result?.weight ?? row.weight ?? null;
  const score = result ? result.score : (row.score ?? null);
  const qualitativeRow = result?.kind === 'qualitative' || result?.kind === 'deadline';
  const grade = result?.grade ?? row.grade ?? (qualitativeRow ? gradeOfShare(score, weight) : null);
  const above = completion !== null && completion > 1 && (direction === 'ge' || direction === 'eq');
  return {
    index,
    path: deviationPath(index),
    level1: row.level1,
    level2: row.level2 ?? '',
    name: row.name,
    kind: result?.kind ?? null,
    direction,
    target,
    actual,
    unit,
    completion,
    deviationRate: completion === null ? null : distance(completion, 1),
    deviation: numeric ? deviationOf(target, actual, unit) : null,
    overAchievement: above ? (difference(completion, 1) ?? toNumber(minus(num(completion), ONE), 6)) : null,
    score,
    weight,
    selfScore: result?.selfScore ?? row.score ?? null,
    ruleScore: result?.ruleScore ?? null,
    deduction:
      weight !== null && score !== null && score < weight
        ? (difference(weight, score) ?? toPlainNumber(minus(num(weight), num(score))))
        : null,
    grade,
    outcome: outcomeKind(result, direction, grade),
    needsText: needsText(result, weight),
    flags: result?.flags ?? [],
    sources: { notes: row.notes ?? '', existing: row.deviation ?? '' },
  };
}

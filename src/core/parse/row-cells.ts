/**
 * A row's 年度指标值 and 实际完成值 read once: the scorer and the row's facts share the reading,
 * so each cell of a form is parsed once per scoring (issue #9).
 */
import type { Indicator } from '../schema/form.js';
import { parseActual, type ParsedActual } from './actual-parser.js';
import type { Sign } from './sign.js';
import type { Quantity } from './quantity.js';
import { type ParsedTarget, readTarget } from './target-parser.js';

export interface RowCells {
  target: ParsedTarget;
  actual: ParsedActual;
  /** The quantities of the trimmed 年度指标值 when its reading found them (see `readTarget`). */
  targetQuantities: readonly Quantity[] | null;
}

/** Parses `row`'s target and, in its light, its actual (pure; never throws). */
export function readRowCells(row: Indicator, year: number, unsignedAs: Sign): RowCells {
  const { target, quantities } = readTarget(row.target, { year, level2: row.level2, unsignedAs });
  return { target, actual: parseActual(row.actual, target, year), targetQuantities: quantities };
}

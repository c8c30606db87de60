/**
 * A row's 年度指标值 and 实际完成值 read once: the scorer and the row's facts share the reading,
 * so each cell of a form is parsed once per scoring (issue #9).
 */
import type { Indicator } from '../schema/form.js';
import { parseActual, type ParsedActual } from './actual-parser.js';
import type { Sign } from './sign.js';
import { type ParsedTarget, readTarget, type TargetQuantities } from './target-parser.js';

export interface RowCells extends TargetQuantities {
  target: ParsedTarget;
  actual: ParsedActual;
}

/** Where a row's cells stand before they are read (replaced at once). */
const UNREAD_TARGET: ParsedTarget = Object.freeze({ kind: 'empty' });
const UNREAD_ACTUAL: ParsedActual = Object.freeze({ kind: 'empty' });

/** Parses `row`'s target and, in its light, its actual (pure; never throws): one object for the row's reading. */
export function readRowCells(row: Indicator, year: number, unsignedAs: Sign): RowCells {
  const cells: RowCells = { target: UNREAD_TARGET, actual: UNREAD_ACTUAL, targetQuantities: null };
  cells.target = readTarget(row.target, year, row.level2, unsignedAs, cells);
  cells.actual = parseActual(row.actual, cells.target, year);
  return cells;
}

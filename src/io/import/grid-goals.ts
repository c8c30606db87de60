/**
 * 年度总体目标: the texts under the 预期目标 and 实际完成情况 headers (or 年初设定目标 /
 * 年度总体目标完成情况综述), up to the indicator table.
 */
import type { FormInput } from '../../core/schema/form.js';
import { labelKey } from './cell-text.js';
import type { Grid, GridCell } from './grid.js';
import { GOAL_ACTUAL, GOAL_EXPECTED } from './labels.js';
import type { ReportBuilder } from './report.js';

type Goals = NonNullable<FormInput['goals']>;

function findHeader(grid: Grid, toRow: number): { row: number; expected: number; actual: number } | null {
  for (let r = 0; r < Math.min(toRow, grid.rows.length); r++) {
    const keys = grid.rows[r]!.map((cell) => labelKey(cell.text));
    const expected = keys.findIndex((k) => GOAL_EXPECTED.test(k));
    const actual = keys.findIndex((k) => GOAL_ACTUAL.test(k));
    if (expected >= 0 && actual > expected) return { row: r, expected, actual };
  }
  return null;
}

/** Distinct texts of a row between two columns, merged copies counted once. */
function textsBetween(row: GridCell[], from: number, to: number): GridCell[] {
  const cells: GridCell[] = [];
  for (let c = from; c < Math.min(to, row.length); c++) {
    const cell = row[c]!;
    if (cell.text.trim() === '' || cell.mergedCopy) continue;
    if (cells.some((seen) => seen.text.trim() === cell.text.trim())) continue;
    cells.push(cell);
  }
  return cells;
}

/** Reads the goals block between its header and `toRow` (the indicator table). */
export function readGoals(grid: Grid, report: ReportBuilder, toRow: number): Goals | undefined {
  const header = findHeader(grid, toRow);
  if (!header) {
    report.miss('年度总体目标', '', '未找到“预期目标 / 实际完成情况”表头');
    return undefined;
  }
  const expected: GridCell[] = [];
  const actual: GridCell[] = [];
  for (let r = header.row + 1; r < toRow; r++) {
    const row = grid.rows[r]!;
    expected.push(...textsBetween(row, header.expected, header.actual));
    actual.push(...textsBetween(row, header.actual, row.length));
  }
  return { expected: joinCells(expected, 'goals.expected', report), actual: joinCells(actual, 'goals.actual', report) };
}

function joinCells(cells: GridCell[], path: string, report: ReportBuilder): string | null {
  if (cells.length === 0) return null;
  const text = cells.map((cell) => cell.text.trim()).join('\n');
  report.took(path, cells.map((cell) => cell.ref).join('、'), text);
  return text;
}

/**
 * A 自评表 from a grid (worksheet or tab/`|` table): header, 项目资金, 年度总体目标 and the
 * indicator table, each found by its labels.
 */
import type { Form } from '../../core/schema/form.js';
import { assembleForm } from './assemble.js';
import { findFundingHeader, readFunding } from './grid-funding.js';
import { readGoals } from './grid-goals.js';
import { readHeader } from './grid-header.js';
import { findIndicatorHeader, readIndicators } from './grid-indicators.js';
import type { Grid } from './grid.js';
import type { ReportBuilder } from './report.js';

/** True when the grid has an indicator table header (so it is a form at all). */
export function looksLikeForm(grid: Grid): boolean {
  return findIndicatorHeader(grid) !== null;
}

/** Reads the form from `grid`; the grid must have an indicator header (see `looksLikeForm`). */
export function formFromGrid(grid: Grid, report: ReportBuilder, fallbackYear: number): Form {
  const tableHeader = findIndicatorHeader(grid);
  const tableRow = tableHeader?.firstRow ?? grid.rows.length;
  const fundingHeader = findFundingHeader(grid, tableRow);
  const header = readHeader(grid, report, fundingHeader?.row ?? tableRow);
  const funding = readFunding(grid, report, tableRow);
  const goals = readGoals(grid, report, tableRow);
  const table = tableHeader ? readIndicators(grid, tableHeader, report) : { indicators: [], selfTotal: null };
  if (!tableHeader) report.miss('绩效指标', '', '未找到指标表头（一级指标/二级指标/三级指标）');
  const parts = { header, funding, goals, indicators: table.indicators, selfTotal: table.selfTotal };
  return assembleForm(parts, report, fallbackYear);
}

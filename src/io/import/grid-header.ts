/**
 * The header block of a worksheet or table: title (year, form type), 项目名称, 主管部门, 实施单位,
 * 项目负责人, 联系电话 — each the first cell right of its label that is not itself a label.
 */
import { labelKey } from './cell-text.js';
import { findLabel, type Grid, type GridCell } from './grid.js';
import { ANY_HEADER_LABEL, HEADER_LABELS } from './labels.js';
import type { ReportBuilder } from './report.js';

export interface HeaderFields {
  year: number | null;
  formType: 'project' | 'department';
  name: string | null;
  department: string | null;
  implementer: string | null;
  manager: string | null;
  phone: string | null;
}

const YEAR = /(?<!\d)((?:19|20)\d{2})\s{0,3}年度/;

/** The value right of the label cell: skips merged copies of the label and other labels. */
export function valueRightOf(row: GridCell[], col: number): GridCell | null {
  const label = row[col]!.text.trim();
  for (let c = col + 1; c < row.length; c++) {
    const text = row[c]!.text.trim();
    if (text === '' || text === label) continue;
    if (ANY_HEADER_LABEL.test(labelKey(text))) return null;
    return row[c]!;
  }
  return null;
}

/** Reads the header fields, recording each in the report. */
export function readHeader(grid: Grid, report: ReportBuilder, stopRow: number): HeaderFields {
  const fields: HeaderFields = {
    year: null,
    formType: 'project',
    name: null,
    department: null,
    implementer: null,
    manager: null,
    phone: null,
  };
  readTitle(grid, report, stopRow, fields);
  for (const key of ['name', 'department', 'implementer', 'manager', 'phone'] as const) {
    const at = findLabel(grid, HEADER_LABELS[key], 0, stopRow);
    const cell = at ? valueRightOf(grid.rows[at.row]!, at.col) : null;
    if (!cell) continue;
    fields[key] = cell.text.trim();
    report.took(`project.${key === 'name' ? 'name' : key}`, cell.ref, fields[key]);
  }
  splitManagerAndPhone(grid, report, stopRow, fields);
  return fields;
}

function readTitle(grid: Grid, report: ReportBuilder, stopRow: number, fields: HeaderFields): void {
  for (let r = 0; r < Math.min(stopRow, grid.rows.length) && fields.year === null; r++) {
    for (const cell of grid.rows[r]!) {
      const m = YEAR.exec(cell.text);
      if (!m) continue;
      fields.year = Number(m[1]);
      report.took('year', cell.ref, fields.year);
      break;
    }
  }
  for (let r = 0; r < Math.min(stopRow, grid.rows.length); r++) {
    const cell = grid.rows[r]!.find((c) => /部门整体(?:支出)?绩效自评/.test(c.text));
    if (!cell) continue;
    fields.formType = 'department';
    report.took('formType', cell.ref, 'department');
    report.layouts.add('department');
    return;
  }
}

/** 衔接资金 forms print 项目负责人及电话 in one cell: `谢凯13990260322(办公)`. */
function splitManagerAndPhone(grid: Grid, report: ReportBuilder, stopRow: number, fields: HeaderFields): void {
  const at = findLabel(grid, HEADER_LABELS.managerAndPhone, 0, stopRow);
  const cell = at ? valueRightOf(grid.rows[at.row]!, at.col) : null;
  if (!cell) return;
  const m = /^(\D{1,20}?)\s{0,3}([\d-]{5,20}.{0,10})$/.exec(cell.text.trim());
  fields.manager = m ? m[1]!.trim() : cell.text.trim();
  report.took('project.manager', cell.ref, fields.manager);
  if (m) {
    fields.phone = m[2]!.trim();
    report.took('project.phone', cell.ref, fields.phone);
  }
}

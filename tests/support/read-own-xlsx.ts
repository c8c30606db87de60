/**
 * Reads our own exported .xlsx back into a form with excelts, finding each block by its label
 * (not by address), for the round-trip test. The import helper's general reader replaces this
 * once merged; this one knows only the layout we write.
 */
import { Workbook, type Worksheet } from '@cj-tech-master/excelts/browser';
import { parseForm, type Form, type FormInput } from '../../src/core/index.js';

const text = (ws: Worksheet, r: number, c: number): string => {
  const v = ws.getCell(r, c).value;
  return v === null || v === undefined ? '' : String(v);
};
const numberAt = (ws: Worksheet, r: number, c: number): number | null => {
  const v = ws.getCell(r, c).value;
  return typeof v === 'number' ? v : null;
};
const orNull = (s: string): string | null => (s === '' ? null : s);

function findRow(ws: Worksheet, col: number, label: string, from = 1): number {
  for (let r = from; r <= ws.rowCount; r++) if (text(ws, r, col) === label) return r;
  throw new Error(`label ${label} not found`);
}

function fundingRow(ws: Worksheet, r: number, withScore: boolean) {
  const row = {
    initial: numberAt(ws, r, 5),
    annual: numberAt(ws, r, 6),
    executed: numberAt(ws, r, 7),
    ...(withScore ? { score: numberAt(ws, r, 10) } : {}),
  };
  return Object.values(row).every((v) => v === null) ? null : row;
}

/** The form in an .xlsx written by formToXlsx. */
export async function readOwnXlsx(bytes: Uint8Array, profile?: string): Promise<Form> {
  const wb = new Workbook();
  await wb.xlsx.load(bytes);
  const ws = wb.worksheets[0]!;
  const department = text(ws, 1, 1).startsWith('部门整体');
  const nameRow = findRow(ws, 1, department ? '部门（单位）名称' : '项目名称');
  const fundingTop = findRow(ws, 3, '年度资金总额');
  const goalsTop = findRow(ws, 3, '预期目标');
  const header = findRow(ws, 2, '一级指标');
  const indicators: FormInput['indicators'] = [];
  for (let r = header + 1; text(ws, r, 1) !== '总分'; r++) {
    indicators.push({
      level1: text(ws, r, 2),
      level2: orNull(text(ws, r, 3)),
      name: text(ws, r, 4),
      target: orNull(text(ws, r, 5)),
      actual: orNull(text(ws, r, 6)),
      weight: numberAt(ws, r, 8),
      score: numberAt(ws, r, 9),
      deviation: orNull(text(ws, r, 10)),
    });
  }
  const unit = /（(万元|元)）/.exec(text(ws, fundingTop - 1, 1))?.[1] as '万元' | '元';
  return parseForm({
    formType: department ? 'department' : 'project',
    year: Number(/(\d{4})/.exec(text(ws, 2, 1))?.[1]),
    ...(profile ? { profile } : {}),
    project: {
      name: text(ws, nameRow, 3),
      department: orNull(text(ws, nameRow + 1, 3)),
      implementer: orNull(text(ws, nameRow + 1, 8)),
      manager: orNull(text(ws, nameRow + 2, 3)),
      phone: orNull(text(ws, nameRow + 2, 8)),
    },
    funding: {
      unit,
      weight: numberAt(ws, fundingTop, 8),
      total: fundingRow(ws, fundingTop, true),
      appropriation: fundingRow(ws, fundingTop + 1, false),
      carryover: fundingRow(ws, fundingTop + 2, false),
      other: fundingRow(ws, fundingTop + 3, false),
    },
    goals: { expected: orNull(text(ws, goalsTop + 1, 3)), actual: orNull(text(ws, goalsTop + 1, 7)) },
    indicators,
    selfTotal: numberAt(ws, findRow(ws, 1, '总分', header), 9),
  });
}

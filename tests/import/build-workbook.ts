/**
 * Builds .xlsx files in the real layouts for the import tests, the way people and systems make
 * them: merged title and labels, numbers stored as text, formulas with cached results, spacer and
 * template rows, a footer. Rows are given as arrays; `merges` are A1 ranges.
 */
import { Workbook } from '@cj-tech-master/excelts/browser';

export type CellInput = string | number | null | { formula: string; result: number } | { percent: number };

export interface SheetSpec {
  name: string;
  rows: CellInput[][];
  merges?: string[];
}

/** The .xlsx bytes of a workbook with these sheets. */
export async function buildWorkbook(sheets: SheetSpec[]): Promise<Uint8Array<ArrayBuffer>> {
  const workbook = new Workbook();
  for (const spec of sheets) {
    const sheet = workbook.addWorksheet(spec.name);
    spec.rows.forEach((row, r) => {
      row.forEach((value, c) => {
        if (value === null) return;
        const cell = sheet.getCell(r + 1, c + 1);
        if (typeof value === 'object' && 'percent' in value) {
          cell.value = value.percent;
          cell.numFmt = '0.00%';
        } else cell.value = value;
      });
    });
    for (const range of spec.merges ?? []) sheet.mergeCells(range);
  }
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

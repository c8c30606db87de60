/**
 * The 自评表 as WordprocessingML text, written directly. docx 9.15 builds an object tree for each
 * run, paragraph and cell and serialises it with many small copies: a 2,000-row table (24,000
 * cells) took 8–27 s in `Packer`, nearly all of it there. This writer emits the same elements in
 * one pass (a few ms); `docx.ts` lets docx write the rest of the package and splices this table in.
 */
import { cellText } from './cell-text.js';
import type { FormSheet, SheetCell } from './form-sheet.js';
import { xmlSafe } from './xml-safe.js';

/** East Asian and Latin fonts of the table (宋体 10 pt, as the .xlsx). */
const FONTS = '<w:rFonts w:ascii="Times New Roman" w:eastAsia="宋体" w:hAnsi="Times New Roman"/>';
const SIZE = '<w:sz w:val="20"/><w:szCs w:val="20"/>';
const BORDER = 'w:val="single" w:color="auto" w:sz="4"';
const MARGINS =
  '<w:tcMar><w:top w:type="dxa" w:w="30"/><w:left w:type="dxa" w:w="60"/>' +
  '<w:bottom w:type="dxa" w:w="30"/><w:right w:type="dxa" w:w="60"/></w:tcMar>';

/** Text escaped for an XML element or attribute, without the characters XML cannot hold. */
export function escapeXml(text: string): string {
  return xmlSafe(text).replace(/[&<>"]/g, (ch) =>
    ch === '&' ? '&amp;' : ch === '<' ? '&lt;' : ch === '>' ? '&gt;' : '&quot;',
  );
}

/** One run per line of `text`, lines after the first starting with a break. */
function runs(text: string, bold: boolean): string {
  if (text === '') return '';
  const props = `<w:rPr>${FONTS}${bold ? '<w:b/><w:bCs/>' : ''}${SIZE}</w:rPr>`;
  return text
    .split('\n')
    .map((line, i) => `<w:r>${props}${i > 0 ? '<w:br/>' : ''}<w:t xml:space="preserve">${escapeXml(line)}</w:t></w:r>`)
    .join('');
}

function alignment(cell: SheetCell): string {
  if (cell.kind === 'text' || cell.kind === 'narrative') return 'left';
  return cell.kind === 'amount' ? 'right' : 'center';
}

/** A `<w:tc>`: the cell where it starts, or an empty continuation of a vertical merge. */
function cellXml(cell: SheetCell, widths: readonly number[], continued: boolean): string {
  let width = 0;
  for (let c = cell.col; c < cell.col + cell.colSpan; c++) width += widths[c] ?? 0;
  const merge = cell.rowSpan > 1 ? `<w:vMerge w:val="${continued ? 'continue' : 'restart'}"/>` : '';
  const span = cell.colSpan > 1 ? `<w:gridSpan w:val="${cell.colSpan}"/>` : '';
  // The first column's single cells (绩效指标, 年度总体目标) read top to bottom, as printed forms do
  const direction = cell.col === 0 && cell.colSpan === 1 ? '<w:textDirection w:val="tbRl"/>' : '';
  const valign = cell.kind === 'narrative' ? 'top' : 'center';
  const props = `<w:tcPr><w:tcW w:type="dxa" w:w="${width}"/>${span}${merge}${MARGINS}${direction}<w:vAlign w:val="${valign}"/></w:tcPr>`;
  const text = continued ? '' : cellText(cell);
  const para = `<w:p><w:pPr><w:jc w:val="${alignment(cell)}"/></w:pPr>${runs(text, cell.kind === 'label')}</w:p>`;
  return `<w:tc>${props}${para}</w:tc>`;
}

/** The grid rows from `firstRow` as a `<w:tbl>` (fixed layout, `usable` twips wide, the header row repeated). */
export function tableXml(sheet: FormSheet, widths: readonly number[], firstRow: number, usable: number): string {
  const byRow: SheetCell[][] = Array.from({ length: sheet.rowCount }, () => []);
  for (const cell of sheet.cells) {
    for (let r = cell.row; r < cell.row + cell.rowSpan; r++) byRow[r]!.push(cell);
  }
  const borders = ['top', 'left', 'bottom', 'right', 'insideH', 'insideV'].map((b) => `<w:${b} ${BORDER}/>`).join('');
  const parts = [
    `<w:tbl><w:tblPr><w:tblW w:type="dxa" w:w="${usable}"/><w:tblBorders>${borders}</w:tblBorders>`,
    '<w:tblLayout w:type="fixed"/></w:tblPr><w:tblGrid>',
    ...widths.map((w) => `<w:gridCol w:w="${w}"/>`),
    '</w:tblGrid>',
  ];
  for (let r = firstRow; r < sheet.rowCount; r++) {
    const cells = byRow[r]!.sort((a, b) => a.col - b.col);
    parts.push(r === sheet.headerRow ? '<w:tr><w:trPr><w:tblHeader/></w:trPr>' : '<w:tr>');
    for (const cell of cells) parts.push(cellXml(cell, widths, cell.row !== r));
    parts.push('</w:tr>');
  }
  parts.push('</w:tbl>');
  return parts.join('');
}

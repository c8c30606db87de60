/**
 * Writes the .docx: the 自评表 as a Word table (A4 landscape, merged cells, from the same grid as
 * the .xlsx) and the 绩效自评报告 in 公文 form (GB/T 9704-2012: A4 portrait, 方正小标宋 title,
 * 仿宋 三号 body at 28 lines, 黑体/楷体 headings). Library: docx 9.15.2 (runs on Node and in
 * workerd). Returns bytes; nothing here touches a file system.
 */
import {
  AlignmentType,
  Document,
  Footer,
  Packer,
  PageNumber,
  PageOrientation,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextDirection,
  TextRun,
  VerticalAlignTable,
  VerticalMergeType,
  WidthType,
  type ISectionOptions,
} from 'docx';
import type { Form, ScoreReport } from '../../core/index.js';
import type { ReviewRecord } from '../../core/review/record.js';
import { buildFormSheet, type FormSheet, type SheetCell } from './form-sheet.js';
import { buildReviewSheet, hasReview } from './review-sheet.js';
import { cellText } from './cell-text.js';
import { buildReportProse, type ReportProse } from './report-prose.js';
import { xmlSafe } from './xml-safe.js';

/** Which parts the document holds. */
export type DocxParts = 'both' | 'table' | 'report';

const MM = 56.7; // twips per millimetre
const A4 = { width: Math.round(210 * MM), height: Math.round(297 * MM) };
const TABLE_MARGIN = Math.round(15 * MM);
const SONG = { eastAsia: '宋体', ascii: 'Times New Roman', hAnsi: 'Times New Roman' };
const FANG = { eastAsia: '仿宋_GB2312', ascii: 'Times New Roman', hAnsi: 'Times New Roman' };
const HEI = { eastAsia: '黑体', ascii: 'Times New Roman', hAnsi: 'Times New Roman' };
const KAI = { eastAsia: '楷体_GB2312', ascii: 'Times New Roman', hAnsi: 'Times New Roman' };
const TITLE = { eastAsia: '方正小标宋简体', ascii: 'Times New Roman', hAnsi: 'Times New Roman' };

function runs(text: string, options: { font: typeof SONG; size: number; bold?: boolean }): TextRun[] {
  return xmlSafe(text)
    .split('\n')
    .map((line, i) => new TextRun({ text: line, break: i > 0 ? 1 : 0, ...options }));
}

/** The Word cell of one grid cell (or the continuation of a vertical merge). */
function tableCell(cell: SheetCell, widths: number[], continued: boolean): TableCell {
  const width = widths.slice(cell.col, cell.col + cell.colSpan).reduce((a, w) => a + w, 0);
  const left = cell.kind === 'text' || cell.kind === 'narrative';
  const text = continued ? '' : cellText(cell);
  return new TableCell({
    columnSpan: cell.colSpan,
    width: { size: width, type: WidthType.DXA },
    verticalMerge: cell.rowSpan > 1 ? (continued ? VerticalMergeType.CONTINUE : VerticalMergeType.RESTART) : undefined,
    verticalAlign: cell.kind === 'narrative' ? VerticalAlignTable.TOP : VerticalAlignTable.CENTER,
    textDirection: cell.col === 0 && cell.colSpan === 1 ? TextDirection.TOP_TO_BOTTOM_RIGHT_TO_LEFT : undefined,
    margins: { left: 60, right: 60, top: 30, bottom: 30 },
    children: [
      new Paragraph({
        alignment: left ? AlignmentType.LEFT : cell.kind === 'amount' ? AlignmentType.RIGHT : AlignmentType.CENTER,
        children: runs(text, { font: SONG, size: 20, bold: cell.kind === 'label' }),
      }),
    ],
  });
}

/** Table rows from the grid: a cell starting in the row, or the continuation of one above. */
function tableRows(sheet: FormSheet, widths: number[], firstRow: number): TableRow[] {
  // Each grid row's cells, those starting there and those continuing from above, in one pass
  const byRow: SheetCell[][] = Array.from({ length: sheet.rowCount }, () => []);
  for (const cell of sheet.cells) {
    for (let r = cell.row; r < cell.row + cell.rowSpan; r++) byRow[r]!.push(cell);
  }
  return byRow.slice(firstRow).map((cells, i) => {
    const r = firstRow + i;
    const children = cells.sort((a, b) => a.col - b.col).map((c) => tableCell(c, widths, c.row !== r));
    return new TableRow({ children, cantSplit: false, tableHeader: r === sheet.headerRow });
  });
}

/** A grid (the 自评表 or the 审核意见) as a landscape section: its two heading rows, then the table. */
function tableSection(sheet: FormSheet): ISectionOptions {
  const usable = A4.height - 2 * TABLE_MARGIN;
  const units = sheet.widths.reduce((a, w) => a + w, 0);
  const widths = sheet.widths.map((w) => Math.floor((w / units) * usable));
  const heading = (row: number, size: number) =>
    sheet.cells
      .filter((c) => c.row === row)
      .map(
        (c) =>
          new Paragraph({
            alignment: AlignmentType.CENTER,
            spacing: { after: 120 },
            children: runs(cellText(c), { font: SONG, size, bold: size > 24 }),
          }),
      );
  return {
    properties: {
      page: {
        size: { width: A4.width, height: A4.height, orientation: PageOrientation.LANDSCAPE },
        margin: { top: TABLE_MARGIN, bottom: TABLE_MARGIN, left: TABLE_MARGIN, right: TABLE_MARGIN },
      },
    },
    children: [
      ...heading(0, 36),
      ...heading(1, 24),
      new Table({
        layout: TableLayoutType.FIXED,
        width: { size: usable, type: WidthType.DXA },
        columnWidths: widths,
        rows: tableRows(sheet, widths, 2),
      }),
    ],
  };
}

/** 公文 body paragraph: 仿宋 三号 (16 pt), first line indented two characters, 28.95 pt lines (22 per page… 28). */
function bodyParagraph(text: string, font = FANG): Paragraph {
  return new Paragraph({
    indent: { firstLine: 640 },
    spacing: { line: 579, lineRule: 'exact' },
    alignment: AlignmentType.JUSTIFIED,
    children: runs(text, { font, size: 32 }),
  });
}

/** The report's paragraphs: title, 黑体 一级 and 楷体 二级 headings, body, 落款. */
function reportParagraphs(prose: ReportProse): Paragraph[] {
  const title = new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { after: 579, line: 700, lineRule: 'exact' },
    children: runs(prose.title, { font: TITLE, size: 44 }),
  });
  const body = prose.sections.flatMap((section) => [
    bodyParagraph(section.heading, HEI),
    ...section.parts.flatMap((part) => [
      ...(part.heading ? [bodyParagraph(part.heading, KAI)] : []),
      ...part.paragraphs.map((p) => bodyParagraph(p)),
    ]),
  ]);
  const signature = new Paragraph({
    alignment: AlignmentType.RIGHT,
    spacing: { before: 579, line: 579, lineRule: 'exact' },
    indent: { right: 640 },
    children: runs(prose.signature, { font: FANG, size: 32 }),
  });
  return [title, ...body, ...(prose.signature ? [signature] : [])];
}

/** GB/T 9704 page: A4 portrait, margins 37 / 35 / 28 / 26 mm, page numbers `— 1 —` from 1. */
function reportSection(prose: ReportProse): ISectionOptions {
  const pageNumber = new Paragraph({
    alignment: AlignmentType.CENTER,
    children: [new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'], font: SONG, size: 28 })],
  });
  const mm = (n: number) => Math.round(n * MM);
  return {
    properties: {
      page: {
        size: { width: A4.width, height: A4.height, orientation: PageOrientation.PORTRAIT },
        pageNumbers: { start: 1 }, // the report counts its own pages after the table
        margin: { top: mm(37), bottom: mm(35), left: mm(28), right: mm(26) },
      },
    },
    footers: { default: new Footer({ children: [pageNumber] }) },
    children: reportParagraphs(prose),
  };
}

/**
 * The scored form as .docx bytes: the 自评表, the 自评报告, or both (table first); a reviewed form's
 * 审核意见 follows the 自评表.
 */
export async function formToDocx(
  form: Form,
  report: ScoreReport,
  parts: DocxParts = 'both',
  review?: ReviewRecord | null,
): Promise<Uint8Array> {
  const sections: ISectionOptions[] = [];
  if (parts !== 'report') sections.push(tableSection(buildFormSheet(form, report)));
  if (parts !== 'report' && hasReview(review)) sections.push(tableSection(buildReviewSheet(form, report, review)));
  const prose = buildReportProse(form, report);
  if (parts !== 'table') sections.push(reportSection(prose));
  const doc = new Document({ creator: 'Ziping 绩效自评助手', title: prose.title, sections });
  return new Uint8Array(await Packer.toArrayBuffer(doc));
}

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
  TextRun,
  type ISectionOptions,
} from 'docx';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import type { Form, ScoreReport } from '../../core/index.js';
import type { ReviewRecord } from '../../core/review/record.js';
import { buildFormSheet, type FormSheet } from './form-sheet.js';
import { tableXml } from './docx-table-xml.js';
import { buildReviewSheet, hasReview } from './review-sheet.js';
import { cellText } from './cell-text.js';
import { buildReportProse, type ReportProse } from './report-prose.js';
import { xmlSafe } from './xml-safe.js';

/** Column widths in twips, filling the landscape page between its margins. */
function tableWidths(sheet: FormSheet): number[] {
  const units = sheet.widths.reduce((a, w) => a + w, 0);
  return sheet.widths.map((w) => Math.floor((w / units) * TABLE_WIDTH));
}

/** Which parts the document holds. */
export type DocxParts = 'both' | 'table' | 'report';

const MM = 56.7; // twips per millimetre
const A4 = { width: Math.round(210 * MM), height: Math.round(297 * MM) };
const TABLE_MARGIN = Math.round(15 * MM);
const TABLE_WIDTH = A4.height - 2 * TABLE_MARGIN;
const DOCUMENT = 'word/document.xml';
const TABLE_MARK = 'ZIPING-TABLE';
const MARK_XML = `<w:p><w:r><w:t xml:space="preserve">${TABLE_MARK}</w:t></w:r></w:p>`;
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

/** A grid (the 自评表 or the 审核意见) as a landscape section: its two heading rows, then the table. */
function tableSection(sheet: FormSheet): ISectionOptions {
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
      // The table itself is written by tableXml and spliced in here (see spliceTable)
      new Paragraph({ children: [new TextRun(TABLE_MARK)] }),
      // Word ends a section after a table with a paragraph; it carries the section break
      new Paragraph({}),
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
  written?: ReportProse,
  review?: ReviewRecord | null,
): Promise<Uint8Array> {
  const sections: ISectionOptions[] = [];
  const sheet = parts !== 'report' ? buildFormSheet(form, report) : null;
  // The grids in document order: the 自评表, then the 审核意见 of a reviewed form
  const sheets = sheet ? [sheet, ...(hasReview(review) ? [buildReviewSheet(form, report, review)] : [])] : [];
  for (const grid of sheets) sections.push(tableSection(grid));
  // The prose as checked by writeReportProse (model or built-in); built in here when not given
  const prose = written ?? buildReportProse(form, report);
  if (parts !== 'table') sections.push(reportSection(prose));
  const doc = new Document({ creator: 'Ziping 绩效自评助手', title: prose.title, sections });
  const bytes = new Uint8Array(await Packer.toArrayBuffer(doc));
  const tables = sheets.map((grid) => tableXml(grid, tableWidths(grid), 2, TABLE_WIDTH));
  return tables.reduce<Uint8Array>((doc, table) => spliceTable(doc, table), bytes);
}

/**
 * The package with the marker paragraph replaced by the table. Every other paragraph of the
 * document has properties (alignment, fonts), and form text is escaped, so only the marker
 * paragraph reads exactly MARK_XML; the table sections come first, in order, so each call fills the
 * first marker left.
 */
function spliceTable(bytes: Uint8Array, table: string): Uint8Array {
  const files = unzipSync(bytes);
  const xml = strFromU8(files[DOCUMENT]!);
  const at = xml.indexOf(MARK_XML);
  if (at < 0) throw new Error('docx export: the table marker is missing from document.xml');
  files[DOCUMENT] = strToU8(xml.slice(0, at) + table + xml.slice(at + MARK_XML.length));
  return zipSync(files);
}

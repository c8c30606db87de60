/**
 * How tall wrapped text is in the exported sheet, so rows print whole on A4 landscape without
 * adjustment: Excel does not grow a row for wrapped text in merged cells, so the writer sets it.
 * Estimates for 宋体 10 pt: a CJK character is about 2 width units, other characters about 1.1.
 */

/** Columns: 绩效指标 · 一级 · 二级 · 三级 · 年度指标值 · 实际完成值 (2) · 分值 · 得分 · 偏差 (3). */
export const SHEET_WIDTHS = [5, 10, 11, 17, 14, 14, 14, 8, 8, 12, 11, 11] as const;
/** Excel's largest row height, in points. */
export const MAX_ROW_POINTS = 409;
/** One line of 10 pt text with its leading, in points. */
export const LINE_POINTS = 13.5;
const PADDING_POINTS = 6;

/** Width units of `text`: CJK and full-width forms count 2, others 1.1. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    width += code >= 0x2e80 ? 2 : 1.1;
  }
  return width;
}

/** Width units of `span` columns from `col` (one unit of each cell's edge is padding). */
export function spanWidth(col: number, span: number): number {
  return SHEET_WIDTHS.slice(col, col + span).reduce((a, w) => a + w, 0) - 1;
}

/** Lines `text` wraps to in a cell `width` units wide. */
export function lineCount(text: string, width: number): number {
  return text.split('\n').reduce((n, line) => n + Math.max(1, Math.ceil(displayWidth(line) / Math.max(width, 1))), 0);
}

/** Points of height `text` needs in a cell `width` units wide. */
export function textHeight(text: string, width: number): number {
  return lineCount(text, width) * LINE_POINTS + PADDING_POINTS;
}

/**
 * One numbering of indicator rows for people. The printed form's 序号 counts from 1 (财预〔2020〕10号
 * 附件1), and so do the page, the CLI and every message; paths in the JSON contract count from 0
 * (form-format.md: `indicators.5.score` is the score of 第6行).
 */

/** The row's 序号 as printed: index 5 is row 6. */
export function rowNumber(index: number): number {
  return index + 1;
}

/** The row as people name it: index 5 is `第6行`. */
export function rowLabel(index: number): string {
  return `第${rowNumber(index)}行`;
}

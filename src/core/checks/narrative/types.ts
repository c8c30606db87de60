/**
 * What the narrative checks report (issue #13): the public `checks` of a draft
 * (form-format.md §4) and the findings of `ziping check` / `POST /api/check`.
 */

/**
 * Problems a narrative can have; any issue makes `ok` false. unknown_number: a figure no allowed
 * source states; wrong_figure: a figure whose words give its role (偏差率, 实际为, 得…分) contradicts
 * the row's figures; unit_mismatch: the value exists in another unit or role (20人 as 20万元, a
 * score as 1.5万人次); swapped: 年度指标值 and 实际完成值 swapped; invented_cause: a cause from
 * neither the notes, the cell's existing text nor the chat; placeholder_left: a 〔待补充…〕 in a text
 * as written (reviewer checks only).
 */
export const CHECK_ISSUE_CODES = [
  'empty',
  'too_long',
  'first_person',
  'unknown_number',
  'wrong_figure',
  'unit_mismatch',
  'swapped',
  'missing_fact',
  'missing_cause',
  'missing_measure',
  'invented_cause',
  'english',
  'markdown',
  'preamble',
  'placeholder_left',
] as const;

export type CheckIssueCode = (typeof CHECK_ISSUE_CODES)[number];

export interface CheckIssue {
  code: CheckIssueCode;
  /** Chinese, for the user. */
  message: string;
  /** UTF-16 offsets into the text (JS string indices), end exclusive. */
  span?: [number, number];
}

/** A number written in the text and whether it could be traced. */
export interface NumberCheck {
  /** As written, with its unit: `296台`, `48%`, `近五成`. */
  text: string;
  /** The number in its written unit. */
  value: number;
  unit: string | null;
  span: [number, number];
  found: boolean;
  /** Where the number comes from, when found: `第5行·年度指标值`, `预算执行率`, `补充事实`… */
  source?: string;
  /** What the text says it is: target, actual, deviation-rate… (`none` when nothing says). */
  claim?: string;
}

export interface DraftChecks {
  ok: boolean;
  issues: CheckIssue[];
  numbers: NumberCheck[];
  /** Placeholders left for the user, as written: `〔待补充：偏差原因〕`. */
  placeholders: string[];
  /** Length in characters (every character but whitespace counts as one). */
  length: number;
  maxChars: number;
}

/** Issues that contradict the table (the score report lists these; the rest are advice). */
export const CONTRADICTIONS: ReadonlySet<CheckIssueCode> = new Set(['wrong_figure', 'unit_mismatch', 'swapped']);

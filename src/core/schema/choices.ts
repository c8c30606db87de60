/**
 * The closed choices of a form: its funding rows and unit and a row's 达成等级. Plain data without zod, so
 * the page loads them with the scorer; form.ts and report.ts make them zod enums.
 */

/** 金额单位 of the funding block (form-format.md §1: `万元` (default) | `元`). */
export const FUNDING_UNITS = ['万元', '元'] as const;

/** A funding unit. */
export type FundingUnit = (typeof FUNDING_UNITS)[number];

/** The unit of a form that names none: 万元, as the printed forms are (form-format.md §1). */
export const DEFAULT_FUNDING_UNIT: FundingUnit = '万元';

/** 达成等级 of a qualitative or late deadline row, best first (scoring-rules.md §3.4, 财预〔2020〕10号). */
export const GRADES = ['达成', '部分达成', '未达成'] as const;

/** The 其中 rows of 项目资金 under 年度资金总额 (form-format.md §1); an empty one is stored as null. */
export const FUNDING_SUB_ROWS = ['appropriation', 'carryover', 'other'] as const;

/** A 其中 row of 项目资金. */
export type FundingSubRow = (typeof FUNDING_SUB_ROWS)[number];

/** 年度资金总额 and its 其中 rows with their Chinese names, as the printed form lists them. */
export const FUNDING_ROW_NAMES = [
  ['total', '年度资金总额'],
  ['appropriation', '当年财政拨款'],
  ['carryover', '上年结转资金'],
  ['other', '其他资金'],
] as const satisfies readonly (readonly ['total' | FundingSubRow, string])[];

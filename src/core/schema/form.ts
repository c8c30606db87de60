/**
 * The form as data: the public input contract of `shared/domain/form-format.md` §1.
 * Every type of a form used in the code is inferred from these schemas.
 */
import { z } from 'zod';
import { DEFAULT_FUNDING_UNIT, FUNDING_UNITS, GRADES } from './choices.js';
import {
  MAX_AMOUNT,
  MAX_CELL_CHARS,
  MAX_DECIMALS,
  MAX_LONG_CELL_CHARS,
  MAX_NUMBER_DIGITS,
  MAX_ROWS,
  MAX_SELF_TOTAL,
  MAX_WEIGHT,
} from '../limits.js';

/** Issue codes of the limits that zod has no name for; validate.ts words them in Chinese. */
export const LIMIT_CODES = { digits: 'too_many_digits', decimals: 'too_many_decimals' } as const;

const LONG_DIGIT_RUN = new RegExp(`[0-9０-９]{${MAX_NUMBER_DIGITS + 1}}`);
/** At most MAX_DECIMALS places: 0.1 passes, 1e-7 and 1.23456789 do not. */
const fewDecimals = (v: number) => Number(v.toFixed(MAX_DECIMALS)) === v;

const text = z.string().max(MAX_CELL_CHARS);
const optionalText = text.nullable().optional();
const longText = z.string().max(MAX_LONG_CELL_CHARS).nullable().optional();
/** A cell whose numbers are parsed (指标值, 实际完成值): no digit run longer than MAX_NUMBER_DIGITS. */
const numberText = text
  .refine((t) => !LONG_DIGIT_RUN.test(t), { params: { code: LIMIT_CODES.digits, limit: MAX_NUMBER_DIGITS } })
  .nullable()
  .optional();
/** A finite number within [0, max] with at most MAX_DECIMALS places (财预〔2020〕10号 amounts and 分值). */
const bounded = (max: number) =>
  z
    .number()
    .min(0)
    .max(max)
    .refine(fewDecimals, { params: { code: LIMIT_CODES.decimals, limit: MAX_DECIMALS } });
/** An amount cell: a JSON number, or empty (`null` / absent); never negative (issue #8: −500 points). */
const amount = bounded(MAX_AMOUNT).nullable().optional();
const points = bounded(MAX_WEIGHT).nullable().optional();

export const FundingRowSchema = z.object({
  initial: amount, // 年初预算数
  annual: amount, // 全年预算数
  executed: amount, // 全年执行数
  score: amount, // 自评得分 (only the 年度资金总额 row has one)
});

export const FundingSchema = z.object({
  unit: z.enum(FUNDING_UNITS).default(DEFAULT_FUNDING_UNIT),
  /** 分值 of 预算执行率; absent means the profile's weight. */
  weight: points,
  total: FundingRowSchema.nullable().optional(),
  appropriation: FundingRowSchema.nullable().optional(),
  carryover: FundingRowSchema.nullable().optional(),
  other: FundingRowSchema.nullable().optional(),
  /** Why execution is low or the budget was adjusted (required by some profiles). */
  reason: longText,
});

export const GradeSchema = z.enum(GRADES);

export const IndicatorSchema = z.object({
  level1: text, // 一级指标
  level2: text.nullable().optional(), // 二级指标
  name: text, // 三级指标 (real forms leave it empty: a check reports it)
  target: numberText, // 年度指标值, as written
  actual: numberText, // 实际完成值, as written
  weight: points, // 分值
  score: points, // 得分 as self-assessed
  grade: GradeSchema.nullable().optional(),
  deviation: optionalText, // 偏差原因分析及改进措施
  notes: optionalText, // facts for the drafter; never printed
});

export const ProjectSchema = z.object({
  name: text.min(1),
  department: optionalText,
  implementer: optionalText,
  manager: optionalText,
  phone: optionalText,
});

export const GoalsSchema = z.object({
  expected: longText,
  actual: longText,
  notes: longText,
});

export const FormSchema = z.object({
  formType: z.enum(['project', 'department']).default('project'),
  year: z.number().int().min(1990).max(2100),
  profile: z.string().min(1).optional(),
  project: ProjectSchema,
  funding: FundingSchema.optional(),
  goals: GoalsSchema.optional(),
  indicators: z.array(IndicatorSchema).max(MAX_ROWS),
  selfTotal: bounded(MAX_SELF_TOTAL).nullable().optional(),
});

/** A form after validation (defaults applied). */
export type Form = z.output<typeof FormSchema>;
/** A form as a client may send it. */
export type FormInput = z.input<typeof FormSchema>;
export type Indicator = z.output<typeof IndicatorSchema>;
export type Funding = z.output<typeof FundingSchema>;
export type FundingRow = z.output<typeof FundingRowSchema>;
export type Grade = z.output<typeof GradeSchema>;

/** Paths of the narrative cells (form-format.md §4). */
export type NarrativePath = 'goals.actual' | `indicators.${number}.deviation`;

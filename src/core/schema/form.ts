/**
 * The form as data: the public input contract of `shared/domain/form-format.md` §1.
 * Every type of a form used in the code is inferred from these schemas.
 */
import { z } from 'zod';

const text = z.string();
const optionalText = z.string().nullable().optional();
/** An amount cell: a JSON number, or empty (`null` / absent). */
const amount = z.number().nullable().optional();

export const FundingRowSchema = z.object({
  initial: amount,   // 年初预算数
  annual: amount,    // 全年预算数
  executed: amount,  // 全年执行数
  score: amount,     // 自评得分 (only the 年度资金总额 row has one)
});

export const FundingSchema = z.object({
  unit: z.enum(['万元', '元']).default('万元'),
  /** 分值 of 预算执行率; absent means the profile's weight. */
  weight: z.number().nonnegative().nullable().optional(),
  total: FundingRowSchema.nullable().optional(),
  appropriation: FundingRowSchema.nullable().optional(),
  carryover: FundingRowSchema.nullable().optional(),
  other: FundingRowSchema.nullable().optional(),
  /** Why execution is low or the budget was adjusted (required by some profiles). */
  reason: optionalText,
});

export const GradeSchema = z.enum(['达成', '部分达成', '未达成']);

export const IndicatorSchema = z.object({
  level1: text,                      // 一级指标
  level2: text.nullable().optional(), // 二级指标
  name: text,                        // 三级指标 (real forms leave it empty: a check reports it)
  target: optionalText,              // 年度指标值, as written
  actual: optionalText,              // 实际完成值, as written
  weight: z.number().nonnegative().nullable().optional(), // 分值
  score: z.number().nonnegative().nullable().optional(),  // 得分 as self-assessed
  grade: GradeSchema.nullable().optional(),
  deviation: optionalText,           // 偏差原因分析及改进措施
  notes: optionalText,               // facts for the drafter; never printed
});

export const ProjectSchema = z.object({
  name: text.min(1),
  department: optionalText,
  implementer: optionalText,
  manager: optionalText,
  phone: optionalText,
});

export const GoalsSchema = z.object({
  expected: optionalText,
  actual: optionalText,
  notes: optionalText,
});

export const FormSchema = z.object({
  formType: z.enum(['project', 'department']).default('project'),
  year: z.number().int().min(1990).max(2100),
  profile: z.string().min(1).optional(),
  project: ProjectSchema,
  funding: FundingSchema.optional(),
  goals: GoalsSchema.optional(),
  indicators: z.array(IndicatorSchema),
  selfTotal: z.number().nonnegative().nullable().optional(),
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

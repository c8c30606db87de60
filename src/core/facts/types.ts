/**
 * The facts of a form: what a narrative about it may state, built once from the form and its
 * score report (issue #13). Plain data, so drafters, checks, prompts and the page share it.
 */
import type { MonthDate } from '../parse/deadline.js';
import type { Unit } from '../parse/units.js';
import type { Grade, NarrativePath } from '../schema/form.js';
import type { Flag } from '../schema/flags.js';
import type { IndicatorKind } from '../schema/report.js';

/** A number with its unit (null when none was written or could be inferred). */
export interface Amount {
  value: number;
  unit: Unit | null;
}

/** How a row compares actual to target: ≥, ≤, =, a range, a deadline, or a grade. */
export type Direction = 'ge' | 'le' | 'eq' | 'range' | 'deadline' | 'qualitative' | 'unknown';

/**
 * What happened on a row, the case its narrative is about: met; missed the target; over-achieved
 * (at or above the profile's ratio); a ≤ cap exceeded; above an = target or a range; a qualitative
 * row short of 达成; a deadline missed; points lost for another reason; not scorable.
 */
export type OutcomeKind =
  | 'met'
  | 'missed'
  | 'over-achieved'
  | 'reverse-exceeded'
  | 'above-target'
  | 'qualitative-partial'
  | 'late'
  | 'lost-points'
  | 'unscorable';

/** One cell as written and what was read from it. */
export interface CellReading {
  text: string;
  amount: Amount | null;
  /** Range targets: both bounds. */
  low?: Amount;
  high?: Amount;
  /** Deadline rows: the date read. */
  date?: MonthDate;
}

/** The facts of one indicator row. Rates are fractions (1.48 = 148%). */
export interface IndicatorFacts {
  index: number;
  path: NarrativePath;
  level1: string;
  level2: string;
  /** 三级指标 as written. */
  name: string;
  kind: IndicatorKind | null;
  direction: Direction;
  target: CellReading;
  actual: CellReading;
  /** The row's unit: the target's, else the one printed in the name (`带动贫困户(人)`), else the actual's. */
  unit: Unit | null;
  /** actual / target (range: to the nearest bound). */
  completion: number | null;
  /** |completion − 1|. */
  deviationRate: number | null;
  /** |actual − target| in the row's unit (range: to the nearest bound). */
  deviation: Amount | null;
  /** completion − 1 when actual is above target on a ≥ or = row, else null. */
  overAchievement: number | null;
  score: number | null;
  weight: number | null;
  selfScore: number | null;
  ruleScore: number | null;
  /** weight − score when positive. */
  deduction: number | null;
  grade: Grade | null;
  outcome: OutcomeKind;
  /** The profile asks for an explanation in this row's deviation cell. */
  needsText: boolean;
  flags: Flag[];
  /** Texts that may speak for causes and figures: the user's notes, the cell as a person wrote it. */
  sources: { notes: string; existing: string };
}

/** One funding row (年度资金总额, 当年财政拨款…) in the form's money unit. */
export interface FundingLine {
  key: 'total' | 'appropriation' | 'carryover' | 'other';
  label: string;
  initial: number | null;
  annual: number | null;
  executed: number | null;
}

export interface FundingFacts {
  unit: Unit;
  /** The denominator of the rate as scored. */
  budget: number | null;
  executed: number | null;
  /** executed / budget (fraction). */
  rate: number | null;
  score: number;
  weight: number;
  selfScore: number | null;
  ruleScore: number | null;
  lines: FundingLine[];
  /** 执行率偏低原因 as written. */
  reason: string;
}

export interface FormFacts {
  year: number;
  formType: 'project' | 'department';
  projectName: string;
  profile: string;
  /** The over-achievement ratio cited in texts (profiles/over-ratio.ts). */
  overRatio: number;
  /** The scored total (never above 100) and its grade. */
  total: number;
  grade: string;
  /** The total the form itself states (自评总分), or the sum of self scores. */
  selfTotal: number | null;
  funding: FundingFacts;
  rows: IndicatorFacts[];
  /** The goals block as written: expected, the 实际完成情况 as a person wrote it, and notes. */
  goals: { expected: string; existing: string; notes: string };
}

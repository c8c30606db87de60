/**
 * What a row's rule gives before the self score is weighed: the shared result of every
 * row scorer (quantitative, deadline, qualitative). Its issues are already on the report
 * (row-context.ts); its flags array is the report row's own.
 */
import type { Num } from '../fast-decimal.js';
import type { Flag } from '../schema/flags.js';
import type { Grade } from '../schema/form.js';
import type { IndicatorKind } from '../schema/report.js';
import type { Band } from './qualitative-score.js';

export interface RowOutcome {
  kind: IndicatorKind;
  /** Unrounded rule score, or null when the rule cannot score the row. */
  ruleScore: Num | null;
  /** One line, Chinese: what was compared and the formula. */
  explanation: string;
  /** actual / target where both are numbers. */
  completion: number | null;
  /** Never repeats a flag (`addFlag`). */
  flags: Flag[];
  grade: Grade | null;
  /** Inclusive-exclusive range a self score may take (qualitative bands). */
  band: Band | null;
  /** The profile leaves this row to a person: any self score up to the weight stands. */
  manual: boolean;
}

/**
 * An outcome of one shape for every row (one object, no partial one spread into it: issue #9);
 * the scorer that decides the row sets completion, grade, band or manual on it.
 */
export function outcome(
  kind: IndicatorKind,
  ruleScore: Num | null,
  explanation: string,
  flags: Flag[],
  completion: number | null = null,
): RowOutcome {
  return { kind, ruleScore, explanation, completion, flags, grade: null, band: null, manual: false };
}

/** Adds `flag` to `flags` unless it is there (a row's flags never repeat). */
export function addFlag(flags: Flag[], flag: Flag): void {
  if (!flags.includes(flag)) flags.push(flag);
}

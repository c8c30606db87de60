/**
 * What a row's rule gives before the self score is weighed: the shared result of every
 * row scorer (quantitative, deadline, qualitative).
 */
import type { Num } from '../fast-decimal.js';
import type { Flag } from '../schema/flags.js';
import type { Grade } from '../schema/form.js';
import type { IndicatorKind, ReportIssue } from '../schema/report.js';

export interface RowOutcome {
  kind: IndicatorKind;
  /** Unrounded rule score, or null when the rule cannot score the row. */
  ruleScore: Num | null;
  /** One line, Chinese: what was compared and the formula. */
  explanation: string;
  /** actual / target where both are numbers. */
  completion: number | null;
  flags: Flag[];
  grade: Grade | null;
  /** Inclusive-exclusive range a self score may take (qualitative bands). */
  band: { min: Num; max: Num; maxInclusive: boolean } | null;
  /** The profile leaves this row to a person: any self score up to the weight stands. */
  manual: boolean;
  issues: ReportIssue[];
}

/** An outcome with nothing decided yet but what `partial` says (fields assigned one by one: no spread). */
export function outcome(kind: IndicatorKind, partial: Partial<RowOutcome> = {}): RowOutcome {
  return {
    kind,
    ruleScore: partial.ruleScore ?? null,
    explanation: partial.explanation ?? '',
    completion: partial.completion ?? null,
    flags: partial.flags ?? [],
    grade: partial.grade ?? null,
    band: partial.band ?? null,
    manual: partial.manual ?? false,
    issues: partial.issues ?? [],
  };
}

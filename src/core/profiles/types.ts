/**
 * The shape of a rule profile: every setting the scorer reads, with the source of each one.
 * Profiles are data (see `mof-2020.ts`); the scorer holds the formulas.
 */

/** How sure a rule is, as tagged in scoring-rules.md §0. */
export type EvidenceTag = 'V' | 'V-form' | 'C' | 'M' | 'I' | 'unverified';

/** Where one setting comes from. */
export interface RuleSource {
  tag: EvidenceTag;
  ref: string;
}

export type ReverseFormula = 'ratio' | 'linear2x';
export type EqualRule = 'as-positive' | 'exact-or-manual' | 'symmetric';
export type OverPenalty = 'none' | 'manual' | 'zero' | { fixed: number };
export type LateRule = 'qualitative-partial' | 'zero' | 'manual';

export interface RuleSettings {
  /** 一级指标 weights, Σ = 100 with the execution weight. */
  weights: { exec: number; output: number; benefit: number; satisfaction: number };
  /** Whether Σ weights are checked against these (pmkpi validates, [C]). */
  validateWeightSums: boolean;
  exec: {
    /** 全年(调整后)预算数, or 年初预算数 (济南历城 2019). */
    denominator: 'annual' | 'initial';
    /** linear = w × min(rate, 1); threshold = full marks at or above `fullAt`, else linear. */
    mode: { kind: 'linear' } | { kind: 'threshold'; fullAt: number };
    /** A reason must be written when the rate is below this (Sichuan 0.9). */
    reasonBelowRate: number | null;
    /** Caps on the total score by execution rate, checked from the lowest `below` up. */
    totalCapByRate: { below: number; maxTotal: number }[];
  };
  quant: {
    reverse: ReverseFormula;
    equal: EqualRule;
    /** A reverse row whose actual exceeds its cap is left to a person (Tianjin). */
    reverseExceededManual: boolean;
    /** A target with a number but no sign ("1项") is read as this. */
    unsignedAs: 'ge' | 'eq';
  };
  overAchievement: {
    /** actual/target at or above this flags the row and demands an explanation. */
    flagRatio: number | null;
    penalty: OverPenalty;
  };
  qual: {
    /** Lower bounds, as fractions of 分值, of 达成 and 部分达成. */
    bands: { achieved: number; partial: number };
    /** The deterministic point the rule gives inside each band. */
    points: { achieved: number; partial: number; notAchieved: number };
  };
  time: { late: LateRule };
  reasonRequired: { onScoreLoss: boolean; onOverRatio: boolean };
  rounding: { decimals: 0 | 1 | 2; mode: 'half-up' | 'truncate' | 'floor' };
  /** Grade bands, highest first, half-open: [min, next min). */
  grades: { min: number; label: string }[];
}

export type SettingKey =
  | 'weights'
  | 'validateWeightSums'
  | 'exec.denominator'
  | 'exec.mode'
  | 'exec.weight'
  | 'exec.reasonBelowRate'
  | 'exec.totalCapByRate'
  | 'quant.positive'
  | 'quant.reverse'
  | 'quant.equal'
  | 'quant.reverseExceededManual'
  | 'quant.unsignedAs'
  | 'quant.zeroTarget'
  | 'quant.negativeActual'
  | 'overAchievement'
  | 'qual.bands'
  | 'qual.points'
  | 'time.late'
  | 'reasonRequired'
  | 'rounding'
  | 'grades';

export interface RuleProfile {
  id: string;
  name: string;
  /** Shown beside every report made with it, e.g. 北京口径待核实. */
  banner?: string;
  extends?: string;
  verified: boolean;
  settings: RuleSettings;
  sources: Partial<Record<SettingKey, RuleSource>>;
}

/** A profile as written in its file: a parent plus what differs. */
export interface ProfileDefinition {
  id: string;
  name: string;
  banner?: string;
  extends?: string;
  verified?: boolean;
  settings: DeepPartial<RuleSettings>;
  sources: Partial<Record<SettingKey, RuleSource>>;
}

export type DeepPartial<T> = T extends (infer U)[]
  ? U[]
  : T extends object
    ? { [K in keyof T]?: DeepPartial<T[K]> }
    : T;

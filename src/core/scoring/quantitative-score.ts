/**
 * Quantitative rows (scoring-rules.md §3.3, §3.5, §3.6, §9.1, §9.4, §9.9). w = 分值, A = 年度指标值,
 * B = 实际完成值, both in the target's unit. Arithmetic is decimal (fast-decimal.ts: exact where it
 * can be, big.js where a rounding or comparison needs it).
 */
import {
  abs,
  atLeastProduct,
  div,
  eq,
  fixedText,
  gte,
  lt,
  lte,
  minus,
  type Num,
  num,
  ONE,
  quotientAt,
  roundedText,
  times,
  toNumber,
  ZERO,
} from '../fast-decimal.js';
import type { RuleSettings } from '../profiles/types.js';
import type { Flag } from '../schema/flags.js';
import type { Quantity } from '../parse/quantity.js';
import { SIGN_TEXT, type Sign } from '../parse/sign.js';
import type { Unit } from '../parse/units.js';
import type { ProfileNums } from './profile-nums.js';
import { type RowContext, wOf } from './row-context.js';
import { outcome, type RowOutcome } from './row-outcome.js';

/** A value written in unit `from`, expressed in `to` (2.05亿元 in 万元 is 20500); no conversion across families. */
export function valueInUnit(value: number, from: Unit | null, to: Unit | null): Num {
  if (!from || !to || from.family !== to.family) return num(value);
  const x = num(value);
  // Same factor: (x × f) / f is x itself, exactly as big.js has it for an exact x (≤ 15 places)
  if (from.factor === to.factor && x.e >= 0) return x;
  return div(times(num(value), num(from.factor)), num(to.factor));
}

/** The number of a quantity expressed in `unit` (2.05亿元 in 万元 is 20500). */
export function inUnit(q: Quantity, unit: Unit | null): Num {
  return valueInUnit(q.value, q.unit, unit);
}

/** A number for explanations: 4 places at most, 2 when it is too large to print plainly. */
const n = (value: Num): string => {
  const s = roundedText(value, 4);
  return s.includes('e') ? fixedText(value, 2) : s;
};

const HALF = num(0.5);

const KIND_NAME = { positive: '正向指标', reverse: '反向指标', equal: '等于型指标', range: '区间指标' } as const;

/** "正向指标，指标值≥" for each kind and sign: an explanation's start made once, not from three pieces per row. */
const HEAD_START = Object.fromEntries(
  (['positive', 'reverse', 'equal'] as const).map((kind) => [
    kind,
    Object.fromEntries(Object.entries(SIGN_TEXT).map(([sign, text]) => [sign, `${KIND_NAME[kind]}，指标值${text}`])),
  ]),
) as Record<QuantRow['kind'], Record<Sign, string>>;

/** One row as the quantitative rules see it: A, B (negatives counted as 0), w and the text so far. */
interface QuantRow {
  kind: 'positive' | 'reverse' | 'equal';
  A: Num;
  B: Num;
  w: Num;
  head: string;
  /** The row's flags so far: the outcome's own array. */
  flags: Flag[];
  settings: RuleSettings;
  nums: ProfileNums;
}

function quantRow(ctx: RowContext, sign: Sign, target: Quantity, actual: Quantity): QuantRow {
  const unit = target.unit;
  const label = unit?.label ?? '';
  const A = inUnit(target, unit);
  const B = inUnit(actual, unit);
  const kind = sign === 'ge' || sign === 'gt' ? 'positive' : sign === 'le' || sign === 'lt' ? 'reverse' : 'equal';
  const head = `${HEAD_START[kind][sign]}${n(A)}${label}，实际${n(B)}${label}`;
  const { settings } = ctx.profile;
  // Negative actuals count as 0 (pmkpi "判断实际完成值为负数，默认赋值为0" [C])
  if (lt(B, ZERO)) return { kind, A, B: ZERO, w: wOf(ctx), head, flags: ['negative-actual'], settings, nums: ctx.nums };
  return { kind, A, B, w: wOf(ctx), head, flags: [], settings, nums: ctx.nums };
}

/** Scores the row `ctx` is at: a number against a signed number target. */
export function scoreQuantitative(ctx: RowContext, sign: Sign, target: Quantity, actual: Quantity): RowOutcome {
  const row = quantRow(ctx, sign, target, actual);
  if (eq(row.A, ZERO)) return scoreZeroTarget(row);
  const completion = quotientAt(row.B, row.A, 6);
  if (row.kind === 'positive' || (row.kind === 'equal' && row.settings.quant.equal === 'as-positive')) {
    return scorePositive(row, completion);
  }
  if (row.kind === 'equal') return scoreEqual(row, completion);
  return scoreReverse(row, completion);
}

/** Target 0 (pmkpi selfindexequalzero [C]): "=0"/"≤0" full when B ≤ 0; "≥0" is always met. */
function scoreZeroTarget({ kind, B, w, head, flags }: QuantRow): RowOutcome {
  if (kind === 'positive') {
    flags.push('ill-set-target');
    return outcome(kind, w, `${head}，指标值为0恒能达到，得满分${fixedText(w)}`, flags);
  }
  const met = lte(B, ZERO);
  if (!met) flags.push('target-exceeded');
  const explanation = `${head}，指标值为0，${met ? `实际未超过0，得满分${fixedText(w)}` : '实际大于0，得0分'}`;
  return outcome(kind, met ? w : ZERO, explanation, flags);
}

/** True when B reaches the profile's over-achievement ratio of A (财预〔2020〕10号: 指标值设定偏低). */
function overAchieved({ A, B, nums }: QuantRow): boolean {
  return nums.over !== null && atLeastProduct(B, A, nums.over);
}

/** ≥ rows, and = rows scored as ≥: full at A, else w × B/A; over-achievement as the profile says. */
function scorePositive(row: QuantRow, completion: number): RowOutcome {
  const { kind, A, B, w, flags } = row;
  const name = kind === 'equal' ? `${row.head}（按正向计分）` : row.head;
  if (overAchieved(row)) {
    flags.push('over-achievement');
    const penalized = overAchievementPenalty(row, name, completion);
    if (penalized) return penalized;
  }
  if (gte(B, A)) return outcome(kind, w, `${name}，达到指标值，得满分${fixedText(w)}`, flags, completion);
  const score = div(times(w, B), A);
  flags.push('target-missed');
  const explanation = `${name}，未达到指标值，得分 = ${fixedText(w)} × ${n(B)}/${n(A)} = ${fixedText(score)}`;
  return outcome(kind, score, explanation, flags, completion);
}

/**
 * 一体化 manual: "完成值超过年初设置指标值30%及以上的指标,定义为指标偏离并减2分"; 四川部门整体: 不计分.
 * Null when the profile leaves the score alone (mof-2020: marked down by hand, final-score.ts).
 */
function overAchievementPenalty({ kind, w, flags, settings }: QuantRow, name: string, completion: number) {
  const penalty = settings.overAchievement.penalty;
  if (penalty !== 'zero' && typeof penalty !== 'object') return null;
  const over = settings.overAchievement.flagRatio!;
  const less = penalty === 'zero' ? ZERO : minus(w, num(penalty.fixed));
  const score = penalty === 'zero' ? ZERO : lt(less, ZERO) ? ZERO : less;
  const what = penalty === 'zero' ? '按本口径不计分' : `按本口径扣${penalty.fixed}分`;
  const explanation = `${name}，超出指标值${over * 100 - 100}%以上，${what}，得${fixedText(score)}分`;
  return outcome(kind, score, explanation, flags, completion);
}

/** = rows: full when equal; else symmetric, or exact-or-manual as the profile says. */
function scoreEqual(row: QuantRow, completion: number): RowOutcome {
  const { kind, A, B, w, head, flags } = row;
  if (overAchieved(row)) flags.push('over-achievement');
  if (eq(B, A)) return outcome(kind, w, `${head}，与指标值相等，得满分${fixedText(w)}`, flags, completion);
  const side: Flag = lt(B, A) ? 'target-missed' : 'target-exceeded';
  if (row.settings.quant.equal === 'symmetric') {
    const share = minus(ONE, div(abs(minus(B, A)), A));
    const score = lt(share, ZERO) ? ZERO : times(w, share);
    flags.push(side);
    const formula = `${fixedText(w)} × (1 − |${n(B)}−${n(A)}|/${n(A)}) = ${fixedText(score)}`;
    return outcome(kind, score, `${head}，偏离指标值，得分 = ${formula}`, flags, completion);
  }
  // exact-or-manual (天津 [C]): "实际完成值如果不等于指标值，实际得分需要标为红色并且可修改"
  const score = lt(B, A) ? div(times(w, B), A) : w;
  flags.push('manual-review', side);
  const result = outcome(
    kind,
    score,
    `${head}，与指标值不等，需人工核定（参考得分${fixedText(score)}）`,
    flags,
    completion,
  );
  result.manual = true;
  return result;
}

/** ≤ and < rows: full up to A; above it linear2x or w × A/B as the profile says. */
function scoreReverse(row: QuantRow, completion: number): RowOutcome {
  const { kind, A, B, w, head, flags } = row;
  if (lte(B, A)) {
    // A cost far below its cap may mean the cap was set loosely (scoring-rules.md §3.6 [I])
    if (lt(B, times(A, HALF))) flags.push('far-below-cap');
    return outcome(kind, w, `${head}，未超过指标值，得满分${fixedText(w)}`, flags, completion);
  }
  flags.push('target-exceeded');
  const { score, formula } = reverseExceeded(row);
  const manual = row.settings.quant.reverseExceededManual;
  if (manual) flags.push('manual-review');
  const result = outcome(
    kind,
    score,
    `${head}，超过指标值，${formula}${manual ? '，需人工核定' : ''}`,
    flags,
    completion,
  );
  result.manual = manual;
  return result;
}

/** The score of a ≤ row above its cap and the formula that gave it. */
function reverseExceeded({ A, B, w, settings }: QuantRow): { score: Num; formula: string } {
  if (settings.quant.reverse === 'linear2x') {
    // pmkpi [C]: w × (1 − (B−A)/A), 0 at B ≥ 2A
    const share = minus(ONE, div(minus(B, A), A));
    const score = lt(share, ZERO) ? ZERO : times(w, share);
    return { score, formula: `得分 = ${fixedText(w)} × (1 − (${n(B)}−${n(A)})/${n(A)}) = ${fixedText(score)}` };
  }
  // 湖北 / doczj 表注 [V-form]: 得分 = 权重 × A/B
  const score = div(times(w, A), B);
  return { score, formula: `得分 = ${fixedText(w)} × ${n(A)}/${n(B)} = ${fixedText(score)}` };
}

/** actual/bound to 6 places; −0 when a negative actual rounds to 0, as `Number(big)` reads big.js's "-0". */
function completionTo(B: Num, bound: Num): number {
  const c = quotientAt(B, bound, 6);
  return c === 0 && lt(B, ZERO) !== lt(bound, ZERO) && !eq(B, ZERO) ? -0 : c;
}

/**
 * Scores the row `ctx` is at: a number against a range target, inside full, outside in proportion
 * to the nearest bound [I].
 */
export function scoreRange(ctx: RowContext, low: Quantity, high: Quantity, actual: Quantity): RowOutcome {
  const unit = low.unit;
  const label = unit?.label ?? '';
  const L = inUnit(low, unit);
  const H = inUnit(high, unit);
  const B = inUnit(actual, unit);
  const w = wOf(ctx);
  const head = `${KIND_NAME.range}，指标值${n(L)}–${n(H)}${label}，实际${n(B)}${label}`;
  if (gte(B, L) && lte(B, H)) return outcome('range', w, `${head}，在区间内，得满分${fixedText(w)}`, [], 1);
  if (lt(B, L)) {
    const score = eq(L, ZERO) ? ZERO : div(times(w, lt(B, ZERO) ? ZERO : B), L);
    const explanation = `${head}，低于下限，得分 = ${fixedText(w)} × ${n(B)}/${n(L)} = ${fixedText(score)}`;
    // a range from 0 has no completion ratio below it (a negative actual): no division by zero
    return outcome('range', score, explanation, ['target-missed'], eq(L, ZERO) ? null : completionTo(B, L));
  }
  const score = div(times(w, H), B);
  const explanation = `${head}，高于上限，得分 = ${fixedText(w)} × ${n(H)}/${n(B)} = ${fixedText(score)}`;
  return outcome('range', score, explanation, ['target-exceeded'], completionTo(B, H));
}

/**
 * Quantitative rows (scoring-rules.md §3.3, §3.5, §3.6, §9.1, §9.4, §9.9). w = 分值, A = 年度指标值,
 * B = 实际完成值, both in the target's unit.
 */
import { dec, fixed, type Big } from '../decimal.js';
import type { RuleSettings } from '../profiles/types.js';
import type { Flag } from '../schema/flags.js';
import type { Quantity } from '../parse/quantity.js';
import { SIGN_TEXT, type Sign } from '../parse/sign.js';
import type { Unit } from '../parse/units.js';
import { outcome, type RowOutcome } from './row-outcome.js';

/** The number of a quantity expressed in `unit` (2.05亿元 in 万元 is 20500). */
export function inUnit(q: Quantity, unit: Unit | null): Big {
  if (!q.unit || !unit || q.unit.family !== unit.family) return dec(q.value);
  return dec(q.value).times(q.unit.factor).div(unit.factor);
}

const n = (value: Big): string => {
  const s = value.round(4).toString();
  return s.includes('e') ? value.toFixed(2) : s;
};

const KIND_NAME = { positive: '正向指标', reverse: '反向指标', equal: '等于型指标', range: '区间指标' } as const;

interface QuantInput {
  sign: Sign;
  target: Quantity;
  actual: Quantity;
  weight: number;
  settings: RuleSettings;
}

/** Scores a number against a signed number target. */
export function scoreQuantitative({ sign, target, actual, weight, settings }: QuantInput): RowOutcome {
  const unit = target.unit;
  const label = unit?.label ?? '';
  const A = inUnit(target, unit);
  let B = inUnit(actual, unit);
  const w = dec(weight);
  const flags: Flag[] = [];
  const kind = sign === 'ge' || sign === 'gt' ? 'positive' : sign === 'le' || sign === 'lt' ? 'reverse' : 'equal';
  const head = `${KIND_NAME[kind]}，指标值${SIGN_TEXT[sign]}${n(A)}${label}，实际${n(B)}${label}`;

  // Negative actuals count as 0 (pmkpi "判断实际完成值为负数，默认赋值为0" [C])
  if (B.lt(0)) {
    flags.push('negative-actual');
    B = dec(0);
  }

  // Target 0 (pmkpi selfindexequalzero [C]): "=0"/"≤0" full when B ≤ 0; "≥0" is always met
  if (A.eq(0)) {
    if (kind === 'positive') {
      return outcome(kind, {
        ruleScore: w,
        explanation: `${head}，指标值为0恒能达到，得满分${fixed(w)}`,
        flags: [...flags, 'ill-set-target'],
      });
    }
    const met = B.lte(0);
    return outcome(kind, {
      ruleScore: met ? w : dec(0),
      explanation: `${head}，指标值为0，${met ? `实际未超过0，得满分${fixed(w)}` : '实际大于0，得0分'}`,
      flags: met ? flags : [...flags, 'target-exceeded'],
    });
  }

  const completion = Number(B.div(A).round(6).toString());
  const over = settings.overAchievement.flagRatio;

  if (kind === 'positive' || (kind === 'equal' && settings.quant.equal === 'as-positive')) {
    const name = kind === 'equal' ? `${head}（按正向计分）` : head;
    if (over !== null && B.gte(A.times(over))) {
      flags.push('over-achievement');
      const penalty = settings.overAchievement.penalty;
      // 一体化 manual: "完成值超过年初设置指标值30%及以上的指标,定义为指标偏离并减2分"; 四川部门整体: 不计分
      if (penalty === 'zero' || typeof penalty === 'object') {
        const score = penalty === 'zero' ? dec(0) : w.minus(penalty.fixed).lt(0) ? dec(0) : w.minus(penalty.fixed);
        const what = penalty === 'zero' ? '按本口径不计分' : `按本口径扣${penalty.fixed}分`;
        return outcome(kind, {
          ruleScore: score,
          explanation: `${name}，超出指标值${over * 100 - 100}%以上，${what}，得${fixed(score)}分`,
          completion,
          flags,
        });
      }
    }
    if (B.gte(A)) {
      return outcome(kind, { ruleScore: w, explanation: `${name}，达到指标值，得满分${fixed(w)}`, completion, flags });
    }
    const score = w.times(B).div(A);
    return outcome(kind, {
      ruleScore: score,
      explanation: `${name}，未达到指标值，得分 = ${fixed(w)} × ${n(B)}/${n(A)} = ${fixed(score)}`,
      completion,
      flags: [...flags, 'target-missed'],
    });
  }

  if (kind === 'equal') {
    if (over !== null && B.gte(A.times(over))) flags.push('over-achievement');
    if (B.eq(A))
      return outcome(kind, {
        ruleScore: w,
        explanation: `${head}，与指标值相等，得满分${fixed(w)}`,
        completion,
        flags,
      });
    if (settings.quant.equal === 'symmetric') {
      const share = dec(1).minus(B.minus(A).abs().div(A));
      const score = share.lt(0) ? dec(0) : w.times(share);
      return outcome(kind, {
        ruleScore: score,
        explanation: `${head}，偏离指标值，得分 = ${fixed(w)} × (1 − |${n(B)}−${n(A)}|/${n(A)}) = ${fixed(score)}`,
        completion,
        flags: [...flags, B.lt(A) ? 'target-missed' : 'target-exceeded'],
      });
    }
    // exact-or-manual (天津 [C]): "实际完成值如果不等于指标值，实际得分需要标为红色并且可修改"
    const score = B.lt(A) ? w.times(B).div(A) : w;
    return outcome(kind, {
      ruleScore: score,
      explanation: `${head}，与指标值不等，需人工核定（参考得分${fixed(score)}）`,
      completion,
      flags: [...flags, 'manual-review', B.lt(A) ? 'target-missed' : 'target-exceeded'],
      manual: true,
    });
  }

  // reverse (≤, <)
  if (B.lte(A)) {
    // A cost far below its cap may mean the cap was set loosely (scoring-rules.md §3.6 [I])
    if (B.lt(A.times(0.5))) flags.push('far-below-cap');
    return outcome(kind, { ruleScore: w, explanation: `${head}，未超过指标值，得满分${fixed(w)}`, completion, flags });
  }
  flags.push('target-exceeded');
  let score: Big;
  let formula: string;
  if (settings.quant.reverse === 'linear2x') {
    // pmkpi [C]: w × (1 − (B−A)/A), 0 at B ≥ 2A
    const share = dec(1).minus(B.minus(A).div(A));
    score = share.lt(0) ? dec(0) : w.times(share);
    formula = `得分 = ${fixed(w)} × (1 − (${n(B)}−${n(A)})/${n(A)}) = ${fixed(score)}`;
  } else {
    // 湖北 / doczj 表注 [V-form]: 得分 = 权重 × A/B
    score = w.times(A).div(B);
    formula = `得分 = ${fixed(w)} × ${n(A)}/${n(B)} = ${fixed(score)}`;
  }
  const manual = settings.quant.reverseExceededManual;
  return outcome(kind, {
    ruleScore: score,
    explanation: `${head}，超过指标值，${formula}${manual ? '，需人工核定' : ''}`,
    completion,
    flags: manual ? [...flags, 'manual-review'] : flags,
    manual,
  });
}

/** Scores a number against a range target: inside full, outside in proportion to the nearest bound [I]. */
export function scoreRange(low: Quantity, high: Quantity, actual: Quantity, weight: number): RowOutcome {
  const unit = low.unit;
  const label = unit?.label ?? '';
  const L = inUnit(low, unit);
  const H = inUnit(high, unit);
  const B = inUnit(actual, unit);
  const w = dec(weight);
  const head = `${KIND_NAME.range}，指标值${n(L)}–${n(H)}${label}，实际${n(B)}${label}`;
  if (B.gte(L) && B.lte(H))
    return outcome('range', { ruleScore: w, explanation: `${head}，在区间内，得满分${fixed(w)}`, completion: 1 });
  if (B.lt(L)) {
    const score = L.eq(0) ? dec(0) : w.times(B.lt(0) ? 0 : B).div(L);
    return outcome('range', {
      ruleScore: score,
      explanation: `${head}，低于下限，得分 = ${fixed(w)} × ${n(B)}/${n(L)} = ${fixed(score)}`,
      completion: Number(B.div(L).round(6)),
      flags: ['target-missed'],
    });
  }
  const score = w.times(H).div(B);
  return outcome('range', {
    ruleScore: score,
    explanation: `${head}，高于上限，得分 = ${fixed(w)} × ${n(H)}/${n(B)} = ${fixed(score)}`,
    completion: Number(B.div(H).round(6)),
    flags: ['target-exceeded'],
  });
}

/**
 * Numbers whose cells ran together (`202010100.00%10` = 20 | 20 | 10 | 100.00% | 10): every way
 * of cutting the digits into the columns' values is tried, and a cut is taken only when it is the
 * one cut that fits the columns' rules — no leading zeros, a 分值 of at most 100, a 得分 no more
 * than its 分值, a 执行率 equal to 执行数/预算数, and if still several, a 得分 equal to 执行率 × 分值
 * (scoring-rules.md §9). Anything else is left unread.
 */

import { scoreAboveWeight } from '../../core/scoring/final-score.js';

/** What a glued number may be: a money amount, a 分值, a 执行率 (`%`) or a 得分. */
export type NumberRole = 'amount' | 'weight' | 'rate' | 'score';

const PLAIN = /^(?:0|[1-9]\d{0,11})(?:\.\d{1,6})?$/;
const RATE = /^(?:0|[1-9]\d{0,3})(?:\.\d{1,4})?%$/;
/** Longest digit run considered: each cut is tried, so the work grows with its length. */
const MAX_RUN = 40;
/** More raw cuts than this: too ambiguous to settle by the rules. */
const MAX_CUTS = 5000;

function roleValue(text: string, role: NumberRole): number | null {
  if (role === 'rate') return RATE.test(text) ? Number(text.slice(0, -1)) / 100 : null;
  if (!PLAIN.test(text)) return null;
  const n = Number(text);
  return role === 'weight' || role === 'score' ? (n <= 100 ? n : null) : n;
}

/** Every cut of `text` into one value per role, in order (at most `limit` cuts). */
function cuts(text: string, roles: readonly NumberRole[], limit: number): number[][] {
  const out: number[][] = [];
  const walk = (at: number, k: number, acc: number[]) => {
    if (out.length >= limit) return;
    if (k === roles.length) {
      if (at === text.length) out.push([...acc]);
      return;
    }
    for (let end = at + 1; end <= text.length; end++) {
      const v = roleValue(text.slice(at, end), roles[k]!);
      if (v === null) continue;
      acc.push(v);
      walk(end, k + 1, acc);
      acc.pop();
    }
  };
  walk(0, 0, []);
  return out;
}

export interface NumberRules {
  /** Index of the 预算数 and 执行数 among the roles, when the row has both and a 执行率. */
  budget?: number;
  executed?: number;
  /** Index of a 得分 and its 分值 (得分 ≤ 分值). */
  score?: number;
  weight?: number;
  /** Every amount at most this (a 其中 row is part of the 年度资金总额). */
  maxAmount?: number;
}

function fits(values: number[], roles: readonly NumberRole[], rules: NumberRules): boolean {
  const rateAt = roles.indexOf('rate');
  if (rateAt >= 0 && rules.budget !== undefined && rules.executed !== undefined) {
    const budget = values[rules.budget]!;
    // 执行率 as printed, to its last decimal: 100.00% of 20 is 20
    if (budget === 0 || Math.abs(values[rules.executed]! / budget - values[rateAt]!) > 0.00005) return false;
  }
  // 得分 above 分值 breaks the scorer's rule, so the cut is not the row's
  if (rules.score !== undefined && rules.weight !== undefined) {
    if (scoreAboveWeight(values[rules.score]!, values[rules.weight]!) !== null) return false;
  }
  if (rules.maxAmount !== undefined && roles.some((r, i) => r === 'amount' && values[i]! > rules.maxAmount!))
    return false;
  return true;
}

function scoreAgrees(values: number[], roles: readonly NumberRole[], rules: NumberRules): boolean {
  const rate = values[roles.indexOf('rate')];
  if (rate === undefined || rules.score === undefined || rules.weight === undefined) return false;
  const weight = values[rules.weight]!;
  return Math.abs(values[rules.score]! - Math.min(rate, 1) * weight) <= 0.01 * weight;
}

/** The one way `text` cuts into the roles under the rules, or null (no way, or more than one). */
export function splitGluedNumbers(
  text: string,
  roles: readonly NumberRole[],
  rules: NumberRules = {},
): number[] | null {
  const t = text.replace(/,/g, '');
  if (t.length > MAX_RUN || !/^[\d.%]+$/.test(t)) return null;
  const all = cuts(t, roles, MAX_CUTS);
  if (all.length >= MAX_CUTS) return null;
  const found = all.filter((v) => fits(v, roles, rules));
  if (found.length <= 1) return found[0] ?? null;
  // Still several: keep the cut whose 得分 is what the rules give, 执行率 × 分值 (scoring-rules.md §9)
  const scored = found.filter((v) => scoreAgrees(v, roles, rules));
  return scored.length === 1 ? scored[0]! : null;
}

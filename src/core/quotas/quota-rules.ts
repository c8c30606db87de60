/**
 * Who a quota counts against and what a refusal says (issue #12). Drafting and chat are limited per
 * user and per unit in a fixed window; model tokens per unit per budget day. The local actor (a
 * laptop without accounts) counts as one user of one unit: a budget guards a paid model there too.
 */
import type { Actor } from '../access/actor.js';
import { ZipingError } from '../errors.js';
import { beijingTime, secondsUntil, type QuotaWindow } from './windows.js';

/** The counter keys of an actor: its rate per user, its rate per unit, its unit's token budget. */
export interface QuotaKeys {
  user: string;
  unit: string;
  budget: string;
}

/** The counter keys of `actor` (`local` for the local actor). */
export function quotaKeys(actor: Actor): QuotaKeys {
  const user = actor.kind === 'user' ? actor.userId : 'local';
  const unit = actor.kind === 'user' ? actor.unit : 'local';
  return { user: `rate:user:${user}`, unit: `rate:unit:${unit}`, budget: `budget:unit:${unit}` };
}

/** The details every refusal carries: when it resets, in ISO and as Retry-After seconds. */
function resetDetails(now: Date, window: QuotaWindow) {
  return { resetAt: window.resetAt.toISOString(), retryAfterSeconds: secondsUntil(now, window.resetAt) };
}

/** 429 `rate_limited`: too many drafts or chat turns in the window, by the user or their unit. */
export function rateLimited(
  scope: 'user' | 'unit',
  limit: number,
  windowSeconds: number,
  now: Date,
  window: QuotaWindow,
): ZipingError {
  const who = scope === 'user' ? '每人' : '每个单位';
  return new ZipingError(
    'rate_limited',
    `起草和对话过于频繁：${who}每 ${windowSeconds} 秒最多 ${limit} 次，请于 ${beijingTime(window.resetAt)}（北京时间）后再试`,
    { details: { scope, limit, windowSeconds, ...resetDetails(now, window) } },
  );
}

/** 429 `budget_exhausted`: the unit used its model tokens of the day. */
export function budgetExhausted(budget: number, used: number, now: Date, day: QuotaWindow): ZipingError {
  return new ZipingError(
    'budget_exhausted',
    `本单位今日的模型用量已达上限（${used} / ${budget} tokens），将于 ${beijingTime(day.resetAt)}（北京时间）恢复`,
    { details: { scope: 'unit', budget, used, ...resetDetails(now, day) } },
  );
}

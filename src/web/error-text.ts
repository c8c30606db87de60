/**
 * What the page says about a failed request. A quota refusal (429 `rate_limited`,
 * `budget_exhausted`, issue #12) already names its reset time in Beijing time; the page adds it
 * in the browser's own clock, so a user elsewhere knows when to try again.
 */
import { ApiError } from './api-client.js';

const QUOTA_CODES = new Set(['rate_limited', 'budget_exhausted']);

/** `resetAt` in the browser's clock: `16:01:00` today, else `12月1日 00:00:00`. */
function localTime(at: Date, now: Date): string {
  const time = at.toLocaleTimeString('zh-CN', { hour12: false });
  if (at.toDateString() === now.toDateString()) return time;
  return `${at.getMonth() + 1}月${at.getDate()}日 ${time}`;
}

/** The message to show for `error`, with the local reset time of a quota refusal. */
export function errorText(error: unknown, now: Date = new Date()): string {
  if (!(error instanceof ApiError)) return String(error);
  const resetAt = typeof error.details.resetAt === 'string' ? new Date(error.details.resetAt) : null;
  if (!QUOTA_CODES.has(error.code) || !resetAt || Number.isNaN(resetAt.getTime())) return error.message;
  return `${error.message}（本机时间 ${localTime(resetAt, now)} 恢复）`;
}

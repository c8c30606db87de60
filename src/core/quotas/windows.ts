/**
 * The time windows quotas count in (issue #12), as plain arithmetic on the clock: a fixed window of
 * N seconds for rate limits, and a calendar day (Beijing time) for the model-token budget. A window
 * is named by an integer, so every server sharing a store agrees on it without coordination.
 */
import { BUDGET_DAY_UTC_OFFSET_MINUTES, CHARS_PER_TOKEN_ESTIMATE } from '../limits.js';

/** One counting window: its number and the moment the next one starts. */
export interface QuotaWindow {
  id: number;
  resetAt: Date;
}

const DAY_MS = 86_400_000;

/** The fixed window of `seconds` that contains `now`. */
export function fixedWindow(now: Date, seconds: number): QuotaWindow {
  const size = seconds * 1000;
  const id = Math.floor(now.getTime() / size);
  return { id, resetAt: new Date((id + 1) * size) };
}

/** The budget day containing `now` (days start at 00:00 UTC+8, BUDGET_DAY_UTC_OFFSET_MINUTES). */
export function budgetDay(now: Date, offsetMinutes: number = BUDGET_DAY_UTC_OFFSET_MINUTES): QuotaWindow {
  const offset = offsetMinutes * 60_000;
  const id = Math.floor((now.getTime() + offset) / DAY_MS);
  return { id, resetAt: new Date((id + 1) * DAY_MS - offset) };
}

/** Whole seconds from `now` until `resetAt`, at least 1 (the value of a Retry-After header). */
export function secondsUntil(now: Date, resetAt: Date): number {
  return Math.max(1, Math.ceil((resetAt.getTime() - now.getTime()) / 1000));
}

/** `2026-12-01 00:00`, the time `at` shows in Beijing (the zone budget days are counted in). */
export function beijingTime(at: Date, offsetMinutes: number = BUDGET_DAY_UTC_OFFSET_MINUTES): string {
  const shifted = new Date(at.getTime() + offsetMinutes * 60_000).toISOString();
  return `${shifted.slice(0, 10)} ${shifted.slice(11, 19)}`;
}

/** Model tokens of a text whose usage the model did not report (CHARS_PER_TOKEN_ESTIMATE). */
export function estimateTokens(chars: number): number {
  return Math.ceil(chars / CHARS_PER_TOKEN_ESTIMATE);
}

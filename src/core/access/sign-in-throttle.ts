/**
 * Throttling password sign-in (issue #12): wrong attempts are counted per user name in a fixed
 * window (SIGN_IN_LIMIT), whether or not the name exists, so the refusal tells nothing about names.
 */
import { ZipingError } from '../errors.js';
import { SIGN_IN_LIMIT } from '../limits.js';
import { beijingTime, fixedWindow, secondsUntil, type QuotaWindow } from '../quotas/windows.js';

/** The counter key of a name's failed sign-ins (names compared trimmed, case-folded). */
export function signInKey(name: string): string {
  return `signin:name:${name.trim().toLowerCase()}`;
}

/** The window a sign-in at `now` counts in. */
export function signInWindow(now: Date): QuotaWindow {
  return fixedWindow(now, SIGN_IN_LIMIT.windowSeconds);
}

/** 429 `rate_limited` for a name with too many wrong passwords in the window. */
export function signInLocked(now: Date, window: QuotaWindow): ZipingError {
  return new ZipingError(
    'rate_limited',
    `密码错误次数过多：${SIGN_IN_LIMIT.windowSeconds / 60} 分钟内最多 ${SIGN_IN_LIMIT.failures} 次，` +
      `请于 ${beijingTime(window.resetAt)}（北京时间）后再试，或使用 API 令牌`,
    {
      details: {
        scope: 'sign-in',
        limit: SIGN_IN_LIMIT.failures,
        windowSeconds: SIGN_IN_LIMIT.windowSeconds,
        resetAt: window.resetAt.toISOString(),
        retryAfterSeconds: secondsUntil(now, window.resetAt),
      },
    },
  );
}

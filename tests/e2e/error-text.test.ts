/** The page's wording of a failed request: a quota refusal adds its reset time in the browser's clock (issue #12). */
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../src/web/api-client.js';
import { errorText } from '../../src/web/error-text.js';

const pad = (n: number): string => String(n).padStart(2, '0');
const clock = (at: Date): string => `${pad(at.getHours())}:${pad(at.getMinutes())}:${pad(at.getSeconds())}`;

describe('errorText', () => {
  const message = '起草和对话过于频繁：每人每 60 秒最多 30 次，请于 2026-11-30 16:01:00（北京时间）后再试';
  const resetAt = new Date('2026-11-30T08:01:00.000Z');

  it('adds the reset time of a 429 in the local clock, with the date when it is another day', () => {
    const limited = new ApiError(429, 'rate_limited', message, [], { resetAt: resetAt.toISOString() });
    expect(errorText(limited, new Date(resetAt.getTime() - 40_000))).toBe(
      `${message}（本机时间 ${clock(resetAt)} 恢复）`,
    );
    const budget = new ApiError(429, 'budget_exhausted', '本单位今日的模型用量已达上限', [], {
      resetAt: resetAt.toISOString(),
    });
    const dayBefore = new Date(resetAt.getTime() - 86_400_000);
    expect(errorText(budget, dayBefore)).toBe(
      `本单位今日的模型用量已达上限（本机时间 ${resetAt.getMonth() + 1}月${resetAt.getDate()}日 ${clock(resetAt)} 恢复）`,
    );
  });

  it('leaves other errors, and a 429 without a readable reset time, as the server wrote them', () => {
    expect(errorText(new ApiError(409, 'version_conflict', '表单已被他人更新'))).toBe('表单已被他人更新');
    expect(errorText(new ApiError(429, 'rate_limited', message, [], { resetAt: 'soon' }))).toBe(message);
    expect(errorText(new Error('boom'))).toBe('Error: boom');
  });
});

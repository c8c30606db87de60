/**
 * The quota settings (issue #12) and how the entries read them from the environment. Takes the
 * environment as a plain record (Node passes `process.env`, a Worker its `env`):
 *
 *   ZIPING_RATE_PER_USER          drafts and chat turns per user per window (default 30)
 *   ZIPING_RATE_PER_UNIT          the same per unit, all its users together (default 120)
 *   ZIPING_RATE_WINDOW_SECONDS    the window (default 60)
 *   ZIPING_TOKEN_BUDGET_PER_UNIT  model tokens per unit per day, from 00:00 Beijing time (default 1000000)
 *
 * 0 turns a limit off. Defaults in core/limits.ts.
 */
import { ZipingError } from '../core/errors.js';
import { RATE_LIMIT_DEFAULTS, TOKEN_BUDGET_DEFAULTS } from '../core/limits.js';

export interface QuotaSettings {
  /** Requests of the `draft` routes per user per window; 0: no limit. */
  ratePerUser: number;
  /** The same per unit; 0: no limit. */
  ratePerUnit: number;
  rateWindowSeconds: number;
  /** Model tokens per unit per budget day; 0: no budget. */
  tokenBudgetPerUnit: number;
}

export const DEFAULT_QUOTAS: QuotaSettings = {
  ratePerUser: RATE_LIMIT_DEFAULTS.perUser,
  ratePerUnit: RATE_LIMIT_DEFAULTS.perUnit,
  rateWindowSeconds: RATE_LIMIT_DEFAULTS.windowSeconds,
  tokenBudgetPerUnit: TOKEN_BUDGET_DEFAULTS.perUnitPerDay,
};

const ENV_NAMES: Readonly<Record<keyof QuotaSettings, string>> = {
  ratePerUser: 'ZIPING_RATE_PER_USER',
  ratePerUnit: 'ZIPING_RATE_PER_UNIT',
  rateWindowSeconds: 'ZIPING_RATE_WINDOW_SECONDS',
  tokenBudgetPerUnit: 'ZIPING_TOKEN_BUDGET_PER_UNIT',
};

/** Largest accepted value: a day of seconds for the window, 10^12 for counts and tokens. */
const MAX_OF: Readonly<Record<keyof QuotaSettings, number>> = {
  ratePerUser: 1e12,
  ratePerUnit: 1e12,
  rateWindowSeconds: 86_400,
  tokenBudgetPerUnit: 1e12,
};

/** The settings the environment overrides; throws `invalid_request` naming a malformed variable. */
export function quotaSettingsFromEnv(env: Record<string, string | undefined>): Partial<QuotaSettings> {
  const settings: Partial<QuotaSettings> = {};
  for (const key of Object.keys(ENV_NAMES) as (keyof QuotaSettings)[]) {
    const name = ENV_NAMES[key];
    const raw = env[name]?.trim();
    if (!raw) continue;
    const min = key === 'rateWindowSeconds' ? 1 : 0;
    const value = /^\d{1,13}$/.test(raw) ? Number(raw) : Number.NaN;
    if (!(value >= min && value <= MAX_OF[key])) {
      throw new ZipingError(
        'invalid_request',
        `环境变量 ${name} 应为 ${min} 到 ${MAX_OF[key]} 之间的整数${min === 0 ? '（0 表示不限）' : ''}，而不是“${raw.slice(0, 40)}”`,
        { issues: [{ path: name, code: 'invalid_value', message: `${name} 应为非负整数` }] },
      );
    }
    settings[key] = value;
  }
  return settings;
}

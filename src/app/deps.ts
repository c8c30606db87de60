/**
 * What the HTTP app is built from. Entry files (Node, Workers) construct these parts; the app
 * itself never reaches for a file system, an environment variable or a global clock.
 */
import { createBuiltinDrafter } from '../drafting/builtin.js';
import type { TextModel } from '../drafting/text-model.js';
import type { Drafter } from '../drafting/types.js';
import { type AuditLog, MemoryAuditLog } from '../store/audit-log.js';
import { MemoryQuotaCounters, type QuotaCounters } from '../store/quota-counters.js';
import { DEFAULT_QUOTAS, type QuotaSettings } from './quota-settings.js';
import type { AccountRepository } from '../store/accounts.js';
import type { FormRepository } from '../store/repository.js';
import { MemoryReviewRepository } from '../store/memory-reviews.js';
import type { ReviewRepository } from '../store/review-repository.js';
import type { FormGuard } from './access/form-guard.js';
import { formLockGuard } from './review/form-lock.js';
import type { WebAsset } from './routes/web.js';
import { LOOPBACK_HOSTS } from './allowed-host.js';
import { DEFAULT_TYPES_BY_PATH } from './content-type.js';
import type { NextTurn } from './cohort.js';

export interface AppConfig {
  /** Largest request body accepted, in bytes; larger ones get 413 `payload_too_large`. */
  bodyLimitBytes: number;
  /** Cells drafted at once in a batch (`{ all: true }`); a model's rate limit sets the ceiling. */
  draftConcurrency: number;
  /** Names the `Host` header may carry (default loopback names; `*` any); else 421 (DNS rebinding). */
  allowedHosts: readonly string[];
  /** Other origins whose pages may write (default none: only the server's own page). */
  allowedOrigins: readonly string[];
  /** Media types of writes by exact path, beyond JSON; default DEFAULT_TYPES_BY_PATH (`/api/import`). */
  contentTypesByPath: Readonly<Record<string, readonly string[]>>;
  /** Rate limits of drafting and chat and the daily model-token budget (issue #12); default DEFAULT_QUOTAS. */
  quotas: QuotaSettings;
  /** Sign-in required (issue #12: HOST not loopback, or ZIPING_AUTH=on); default false, everyone local. */
  authRequired: boolean;
  /** How long a page session lasts, in hours (default 12). */
  sessionHours: number;
}

/** The default body limit: 1 MiB, about a hundred times the largest real form seen. */
export const DEFAULT_BODY_LIMIT_BYTES = 1024 * 1024;

export interface AppDeps {
  store: FormRepository;
  /** Review status and marks beside each form (issue #12); default in memory (tests), entries pass the store's own. */
  reviews?: ReviewRepository;
  /** Users, tokens and sessions (issue #12), in the same store as the forms; needed when auth is required. */
  accounts?: AccountRepository;
  /** Checks of a form's state run by the access check (e.g. review: a submitted form is read-only). */
  formGuards?: readonly FormGuard[];
  /** Writes and revises narrative cells; default the built-in drafter with the bundled templates. */
  drafter?: Drafter;
  /** A configured model for import help and 自评报告 prose (null or absent: built-in only). */
  textModel?: TextModel | null;
  /** The web page's files, served at `/` (built by the entry: esbuild on Node, prebuilt on Workers). */
  webAssets?: readonly WebAsset[];
  /** The time of a save (injected so tests can freeze it). */
  clock?: () => Date;
  /** The audit log (issue #12); default in memory (lost at exit: entries pass one from the store). */
  audit?: AuditLog;
  /** Counters of the quotas; default in memory (one process). D1 and PostgreSQL share them between servers. */
  quotaCounters?: QuotaCounters;
  config?: Omit<Partial<AppConfig>, 'quotas'> & { quotas?: Partial<QuotaSettings> };
  /** Where unexpected errors are reported (default console.error); clients only see a generic message. */
  logError?: (message: string, error: unknown) => void;
  /**
   * Runs a callback on the event loop's next turn (Node: setImmediate); the scorings of requests in
   * flight then run together (cohort.ts). Absent (Workers, tests building the app): each at once.
   */
  nextTurn?: NextTurn;
}

/** AppDeps with every default filled in. */
export interface ResolvedDeps {
  store: FormRepository;
  reviews: ReviewRepository;
  accounts: AccountRepository | null;
  formGuards: readonly FormGuard[];
  drafter: Drafter;
  textModel: TextModel | null;
  webAssets: readonly WebAsset[] | null;
  clock: () => Date;
  audit: AuditLog;
  quotaCounters: QuotaCounters;
  config: AppConfig;
  logError: (message: string, error: unknown) => void;
  nextTurn: NextTurn | undefined;
}

/** Fills in the defaults of `deps`. */
export function resolveDeps(deps: AppDeps): ResolvedDeps {
  const reviews = deps.reviews ?? new MemoryReviewRepository();
  return {
    store: deps.store,
    reviews,
    accounts: deps.accounts ?? null,
    // The review lock is always on (issue #12): a submitted or accepted form is read-only for its unit
    formGuards: [...(deps.formGuards ?? []), formLockGuard(reviews)],
    drafter: deps.drafter ?? createBuiltinDrafter(),
    textModel: deps.textModel ?? null,
    webAssets: deps.webAssets ?? null,
    clock: deps.clock ?? (() => new Date()),
    audit: deps.audit ?? new MemoryAuditLog(),
    quotaCounters: deps.quotaCounters ?? new MemoryQuotaCounters(),
    config: {
      bodyLimitBytes: deps.config?.bodyLimitBytes ?? DEFAULT_BODY_LIMIT_BYTES,
      draftConcurrency: deps.config?.draftConcurrency ?? 4,
      allowedHosts: deps.config?.allowedHosts ?? LOOPBACK_HOSTS,
      allowedOrigins: deps.config?.allowedOrigins ?? [],
      contentTypesByPath: { ...DEFAULT_TYPES_BY_PATH, ...deps.config?.contentTypesByPath },
      quotas: { ...DEFAULT_QUOTAS, ...deps.config?.quotas },
      authRequired: deps.config?.authRequired ?? false,
      sessionHours: deps.config?.sessionHours ?? 12,
    },
    logError: deps.logError ?? ((message, error) => console.error(message, error)),
    nextTurn: deps.nextTurn,
  };
}

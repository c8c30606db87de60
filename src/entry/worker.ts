/**
 * The Workers entry: builds the same app as the Node entry from Workers parts — the D1 store
 * (binding `DB`), the bundled prompt templates, the drafter from vars and secrets (`ZIPING_MODEL`,
 * `OPENAI_BASE_URL`, `OPENAI_API_KEY` via `wrangler secret put`, see src/drafting/env.ts). The page
 * is served by Static Assets (`[assets]` in wrangler.toml, files from `npm run build:web`) before
 * the Worker runs, so the app here serves the API only.
 */
import type { Hono } from 'hono';
import type { AppEnv } from '../app/app-env.js';
import { authRequiredFor } from '../app/access/auth-setting.js';
import { LOOPBACK_HOSTS } from '../app/allowed-host.js';
import { createApp } from '../app/create-app.js';
import { ZipingError } from '../core/errors.js';
import { bundledPrompts } from '../drafting/bundled.js';
import { createDrafterFromEnv } from '../drafting/env.js';
import { textModelFromEnv } from '../drafting/text-model.js';
import { D1AccountRepository } from '../store/d1-accounts.js';
import { D1FormRepository } from '../store/d1-repository.js';
import { D1AuditLog } from '../store/d1-audit-log.js';
import { D1QuotaCounters } from '../store/d1-quota-counters.js';
import { quotaSettingsFromEnv } from '../app/quota-settings.js';
import type { D1Database } from '../store/d1-types.js';
import { D1ReviewRepository } from '../store/d1-reviews.js';

/** The bindings and vars of wrangler.toml. */
export interface WorkerEnv {
  DB: D1Database;
  /** Model settings (vars, and the API key as a secret); all optional: without them the built-in drafter runs. */
  [name: string]: unknown;
}

/** The part of the Workers ExecutionContext Hono passes on. */
interface ExecutionContextLike {
  waitUntil(promise: Promise<unknown>): void;
  passThroughOnException(): void;
}

/** The string vars and secrets of `env` (bindings left out), as the drafter settings read them. */
function varsOf(env: WorkerEnv): Record<string, string | undefined> {
  return Object.fromEntries(
    Object.entries(env).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
  );
}

/**
 * The Host names the app answers to: ZIPING_ALLOWED_HOSTS (comma-separated) when set, else any.
 * The Host check guards a server on a private address against DNS rebinding; Cloudflare only
 * hands a Worker requests for the routes and domains bound to it, so there it is opt-in.
 */
function allowedHostsOf(vars: Record<string, string | undefined>): string[] {
  const listed = (vars.ZIPING_ALLOWED_HOSTS ?? '')
    .split(',')
    .map((h) => h.trim())
    .filter(Boolean);
  return listed.length > 0 ? [...LOOPBACK_HOSTS, ...listed] : ['*'];
}

/** Builds the app for one `env` (the same object for the life of an isolate, so it is built once). */
export function workerApp(env: WorkerEnv): Hono<AppEnv> {
  const vars = varsOf(env);
  return createApp({
    store: new D1FormRepository(env.DB),
    accounts: new D1AccountRepository(env.DB),
    reviews: new D1ReviewRepository(env.DB),
    drafter: createDrafterFromEnv(vars, { prompts: bundledPrompts() }),
    textModel: textModelFromEnv(vars),
    clock: () => new Date(),
    audit: new D1AuditLog(env.DB),
    quotaCounters: new D1QuotaCounters(env.DB),
    // Sign-in (issue #12) with ZIPING_AUTH=on; the first administrator is made with
    // `ziping users add … --sql` and `wrangler d1 execute` (README, security)
    config: {
      allowedHosts: allowedHostsOf(vars),
      quotas: quotaSettingsFromEnv(vars),
      authRequired: authRequiredFor(null, undefined, vars.ZIPING_AUTH),
    },
  });
}

/**
 * Server-Sent Events must reach the client as they are written: `Content-Encoding: Identity`
 * tells Cloudflare not to compress (and so buffer) the stream.
 */
function unbuffered(response: Response): Response {
  if (!(response.headers.get('content-type') ?? '').startsWith('text/event-stream')) return response;
  const headers = new Headers(response.headers);
  headers.set('Content-Encoding', 'Identity');
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}

const apps = new WeakMap<object, Hono<AppEnv>>();

export default {
  async fetch(request: Request, env: WorkerEnv, ctx: ExecutionContextLike): Promise<Response> {
    let app = apps.get(env);
    try {
      if (!app) {
        app = workerApp(env);
        apps.set(env, app);
      }
    } catch (error) {
      // A malformed var (ZIPING_MODEL_TIMEOUT_MS=abc…): the same JSON error shape, naming the var
      if (!(error instanceof ZipingError)) throw error;
      console.error('[ziping] bad Worker settings:', error.message);
      return Response.json(error.toJSON(), { status: 500 });
    }
    return unbuffered(await app.fetch(request, env, ctx as never));
  },
};

/**
 * The Node entry: builds the app's parts for Node (the stores of node-stores.ts, the drafter, the
 * page, the system clock) and serves the app with @hono/node-server (node-listen.ts). Settings come from the options, then
 * the environment (HOST, PORT, ZIPING_DATA, ZIPING_ALLOWED_HOSTS), then defaults (127.0.0.1, 8787,
 * `data/store`, loopback names). With ZIPING_DATABASE_URL (postgres://…) the store is PostgreSQL
 * instead, shared by every server pointed at it; `pg` is loaded only then.
 */
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Hono } from 'hono';
import type { AppEnv } from '../app/app-env.js';
import { authRequiredFor } from '../app/access/auth-setting.js';
import { isLoopbackHost, LOOPBACK_HOSTS } from '../app/allowed-host.js';
import { createApp } from '../app/create-app.js';
import { quotaSettingsFromEnv, type QuotaSettings } from '../app/quota-settings.js';
import type { WebAsset } from '../app/routes/web.js';
import { readBuiltWebAssets } from '../build/built-assets.js';
import { ZipingError } from '../core/errors.js';
import { createDrafterFromEnv, drafterConfigFromEnv, type DrafterConfig } from '../drafting/env.js';
import { loadPromptsFromDir } from '../drafting/load-prompts-node.js';
import { textModelFromEnv, type TextModel } from '../drafting/text-model.js';
import type { Drafter } from '../drafting/types.js';
import type { AccountRepository } from '../store/accounts.js';
import { modelFetchFor } from './node-fetch.js';
import { listen, stopping, urlOf } from './node-listen.js';
import { closeStores, openStores, type OpenedStores, type StoreLocation } from './node-stores.js';

export interface NodeServerOptions {
  /** Interface to listen on (env HOST, default 127.0.0.1). */
  host?: string;
  /** Port (env PORT, default 8787); 0 picks a free one. */
  port?: number;
  /** The store's directory (env ZIPING_DATA, default `data/store` under the working directory). */
  dataDir?: string;
  /** A PostgreSQL URL (env ZIPING_DATABASE_URL); when set, forms live there instead of `dataDir`. */
  databaseUrl?: string;
  /** The PostgreSQL schema for the tables (env ZIPING_DATABASE_SCHEMA; default the role's search_path). */
  databaseSchema?: string;
  /** Request body limit in bytes (default 1 MiB). */
  bodyLimitBytes?: number;
  /** How many form documents the store keeps in memory. */
  cacheSize?: number;
  /** Close cleanly on SIGINT/SIGTERM (default true; tests that start several servers turn it off). */
  handleSignals?: boolean;
  /** Where the start and stop lines go (default console.log). */
  log?: (line: string) => void;
  /** Adds routes to the app before it is served (benchmarks add a bare route to compare with). */
  extendApp?: (app: Hono<AppEnv>) => void;
  /** Environment to read defaults from (default process.env); also OPENAI_* and ZIPING_MODEL for the drafter. */
  env?: Record<string, string | undefined>;
  /** The drafter; default from the environment (a model when ZIPING_MODEL is set, else built-in). */
  drafter?: Drafter;
  /** The model for import help and 自评报告 prose; default from the environment (null: none). */
  textModel?: TextModel | null;
  /** Where the prompt templates are read from (env ZIPING_PROMPTS, default `prompts/` of this repository). */
  promptsDir?: string;
  /** The web page's files; default dist/web when compiled, else built with esbuild at start. `null` serves no page. */
  webAssets?: readonly WebAsset[] | null;
  /** Names the Host header may carry (env ZIPING_ALLOWED_HOSTS, comma-separated; default loopback names and HOST). */
  allowedHosts?: readonly string[];
  /** Require sign-in (env ZIPING_AUTH=on; always when HOST is not a loopback address). */
  auth?: boolean;
}

export interface RunningServer {
  /** `http://host:port`, with the real port when 0 was asked for. */
  url: string;
  host: string;
  port: number;
  /** The store's directory (absolute); unused when `database` is set. */
  dataDir: string;
  /** The PostgreSQL database in use, without its password; null with the lowdb store. */
  database: string | null;
  /** Settles when the server has stopped and the store is closed. */
  closed: Promise<void>;
  /** Stops accepting requests, finishes those in flight, closes the store and releases its lock. */
  close(): Promise<void>;
}

export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_PORT = 8787;
export const DEFAULT_DATA_DIR = 'data/store';

/**
 * The page when none is passed. The compiled server (dist/server, `npm start`) serves the page
 * `npm run build` wrote to dist/web; run from the TypeScript sources (tsx, tests) it builds the page
 * now with esbuild, a development tool the production install does not need.
 */
async function defaultWebAssets(): Promise<WebAsset[]> {
  if (fileURLToPath(import.meta.url).endsWith('.js')) {
    return readBuiltWebAssets(resolve(dirname(fileURLToPath(import.meta.url)), '../../web'));
  }
  const { buildWebAssets } = await import('../build/web-assets.js');
  return buildWebAssets();
}

const WILDCARD_HOSTS = new Set(['0.0.0.0', '::', '']);

/** Loopback names, the listening address itself (unless a wildcard), and ZIPING_ALLOWED_HOSTS. */
export function allowedHostsFor(host: string, fromEnv: string | undefined): string[] {
  const listed = (fromEnv ?? '')
    .split(',')
    .map((h) => h.trim())
    .filter(Boolean);
  const own = WILDCARD_HOSTS.has(host) ? [] : [host];
  return [...new Set([...LOOPBACK_HOSTS, ...own, ...listed])];
}

/** The warning for a server reachable from other machines while Ziping has no accounts (issue #8). */
export function exposureWarning(host: string): string | null {
  if (isLoopbackHost(host)) return null;
  return (
    `警告 WARNING：服务监听在 ${host}，不只本机可以访问；本服务还没有账号和登录，能连到它的任何人都能查看、修改和删除所有自评表。` +
    `仅在可信的内网中这样做，并用 ZIPING_ALLOWED_HOSTS 列出访问时使用的主机名；否则请改回 HOST=127.0.0.1。`
  );
}

/** The command that creates the first administrator, printed when a team server has none. */
export const FIRST_ADMIN_COMMAND = 'npx ziping users add 管理员用户名 --unit 单位路径 --role 管理员 --password-stdin';

/** Refuses to start a server that requires sign-in while no administrator exists (issue #12). */
async function refuseWithoutAdmin(accounts: AccountRepository, closeAll: () => Promise<void>): Promise<void> {
  if ((await accounts.countAdmins()) > 0) return;
  await closeAll();
  throw new ZipingError(
    'unauthorized',
    `服务未启动：需要登录（HOST 不是本机地址，或 ZIPING_AUTH=on），但还没有管理员。请用同一数据目录（--data 或 ZIPING_DATA）先运行：\n  ${FIRST_ADMIN_COMMAND}\n它打印的最后一行是 API 令牌（只显示一次）；然后再启动服务。`,
  );
}

/** The port from an option or an environment value; throws on anything but 0–65535. */
function portOf(value: number | string | undefined): number {
  if (value === undefined || value === '') return DEFAULT_PORT;
  const port = typeof value === 'number' ? value : /^\d+$/.test(value.trim()) ? Number(value) : NaN;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ZipingError('invalid_request', `端口号无效：${String(value)}（应为 0–65535 的整数）`);
  }
  return port;
}

/** What one start uses: the options, then the environment, then the defaults. */
interface StartSettings {
  env: Record<string, string | undefined>;
  log: (line: string) => void;
  host: string;
  port: number;
  where: StoreLocation;
  allowedHosts: readonly string[];
  authRequired: boolean;
  quotas: Partial<QuotaSettings>;
}

/** The settings of a start from `options` and the environment; throws on a bad port. */
function settingsOf(options: NodeServerOptions): StartSettings {
  const env = options.env ?? process.env;
  const host = options.host ?? (env.HOST || DEFAULT_HOST);
  const databaseUrl = options.databaseUrl ?? (env.ZIPING_DATABASE_URL || undefined);
  const databaseSchema = options.databaseSchema ?? (env.ZIPING_DATABASE_SCHEMA || undefined);
  return {
    env,
    log: options.log ?? ((line: string) => console.log(line)),
    host,
    port: portOf(options.port ?? env.PORT),
    where: {
      dataDir: resolve(options.dataDir ?? (env.ZIPING_DATA || DEFAULT_DATA_DIR)),
      ...(databaseUrl ? { databaseUrl } : {}),
      ...(databaseSchema ? { databaseSchema } : {}),
      ...(options.cacheSize !== undefined ? { cacheSize: options.cacheSize } : {}),
    },
    allowedHosts: options.allowedHosts ?? allowedHostsFor(host, env.ZIPING_ALLOWED_HOSTS),
    authRequired: authRequiredFor(host, options.auth, env.ZIPING_AUTH),
    quotas: quotaSettingsFromEnv(env),
  };
}

/** The drafter and the text model, with the drafter's settings when they come from the environment. */
interface Drafting {
  drafter: Drafter;
  drafterConfig: DrafterConfig | null;
  textModel: TextModel | null;
}

/** Templates and model settings, read before anything is opened: a bad one stops the start. */
function draftingOf(options: NodeServerOptions, env: Record<string, string | undefined>): Drafting {
  const promptsDir = options.promptsDir ?? env.ZIPING_PROMPTS;
  // One model client for drafting and the text model (import help, 自评报告 prose)
  const fetch = modelFetchFor(env);
  return {
    drafter:
      options.drafter ?? createDrafterFromEnv(env, { prompts: loadPromptsFromDir(promptsDir || undefined), fetch }),
    drafterConfig: options.drafter ? null : drafterConfigFromEnv(env),
    textModel: options.textModel !== undefined ? options.textModel : textModelFromEnv(env, { fetch }),
  };
}

/** The stores; a server that requires sign-in refuses to start (closing them) without an administrator. */
async function openStoresFor(settings: StartSettings): Promise<OpenedStores> {
  const opened = await openStores(settings.where, settings.log);
  if (settings.authRequired) await refuseWithoutAdmin(opened.accounts, () => closeStores(opened));
  return opened;
}

/** The app from its parts, with the routes `extendApp` adds. */
function appFor(
  options: NodeServerOptions,
  settings: StartSettings,
  drafting: Drafting,
  opened: OpenedStores,
  webAssets: readonly WebAsset[] | null,
): Hono<AppEnv> {
  const { store, accounts, reviews, audit, quotaCounters } = opened;
  const app = createApp({
    store,
    accounts,
    reviews,
    drafter: drafting.drafter,
    textModel: drafting.textModel,
    ...(webAssets ? { webAssets } : {}),
    clock: () => new Date(),
    nextTurn: setImmediate,
    audit,
    quotaCounters,
    config: {
      allowedHosts: settings.allowedHosts,
      authRequired: settings.authRequired,
      quotas: settings.quotas,
      ...(options.bodyLimitBytes ? { bodyLimitBytes: options.bodyLimitBytes } : {}),
    },
  });
  options.extendApp?.(app);
  return app;
}

/** Listens on the settings' address; closes the stores if it cannot. */
async function listenOrClose(app: Hono<AppEnv>, settings: StartSettings, opened: OpenedStores) {
  try {
    return await listen(app, settings.host, settings.port);
  } catch (error) {
    await closeStores(opened);
    throw error;
  }
}

/** The start line (and the exposure warning of a server without sign-in off loopback). */
function announce(settings: StartSettings, drafting: Drafting, url: string, database: string | null): void {
  const { drafterConfig, drafter } = drafting;
  const drafterText =
    drafterConfig?.kind === 'model'
      ? `模型 ${drafterConfig.options.model} model`
      : `内置起草器 built-in${drafterConfig?.kind === 'builtin' ? '' : ` (${drafter.id})`}`;
  const warning = settings.authRequired ? null : exposureWarning(settings.host);
  if (warning) settings.log(warning);
  const where = database ? `数据库 database: ${database}` : `数据目录 data: ${settings.where.dataDir}`;
  settings.log(
    `绩效自评助手已启动 Ziping is listening on ${url}  ${where}  起草 drafter: ${drafterText}  接口说明 API: ${url}/api/openapi.json`,
  );
}

/** Opens the store and serves the Ziping app on Node; resolves once it is listening. */
export async function startNodeServer(options: NodeServerOptions = {}): Promise<RunningServer> {
  const settings = settingsOf(options);
  const drafting = draftingOf(options, settings.env);
  const webAssets = options.webAssets === undefined ? await defaultWebAssets() : options.webAssets;
  const opened = await openStoresFor(settings);
  const app = appFor(options, settings, drafting, opened, webAssets);
  const { server, port } = await listenOrClose(app, settings, opened);
  const url = urlOf(settings.host, port);
  const stop = stopping(server, () => closeStores(opened), {
    handleSignals: options.handleSignals !== false,
    log: settings.log,
  });
  announce(settings, drafting, url, opened.database);
  const { host, where } = settings;
  return { url, host, port, dataDir: where.dataDir, database: opened.database, ...stop };
}

/**
 * The Node entry: builds the app's parts for Node (the lowdb store in a data directory, the
 * system clock) and serves the app with @hono/node-server. Settings come from the options, then
 * the environment (HOST, PORT, ZIPING_DATA, ZIPING_ALLOWED_HOSTS), then defaults (127.0.0.1, 8787,
 * `data/store`, loopback names). With ZIPING_DATABASE_URL (postgres://…) the store is PostgreSQL
 * instead, shared by every server pointed at it; `pg` is loaded only then.
 */
import { mkdir } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve, type ServerType } from '@hono/node-server';
import type { Hono } from 'hono';
import type { AppEnv } from '../app/app-env.js';
import { isLoopbackHost, LOOPBACK_HOSTS } from '../app/allowed-host.js';
import { createApp } from '../app/create-app.js';
import { ZipingError } from '../core/errors.js';
import { createDrafterFromEnv, drafterConfigFromEnv } from '../drafting/env.js';
import { loadPromptsFromDir } from '../drafting/load-prompts-node.js';
import { textModelFromEnv, type TextModel } from '../drafting/text-model.js';
import type { Drafter } from '../drafting/types.js';
import type { FormRepository } from '../store/repository.js';
import type { AccountRepository } from '../store/accounts.js';
import { LowdbAccountRepository } from '../store/lowdb-accounts.js';
import { LowdbFormRepository } from '../store/lowdb-repository.js';
import { LowdbReviewRepository } from '../store/lowdb-reviews.js';
import type { ReviewRepository } from '../store/review-repository.js';
import type { AuditLog } from '../store/audit-log.js';
import { FileAuditLog } from '../store/audit-log-node.js';
import { MemoryQuotaCounters, type QuotaCounters } from '../store/quota-counters.js';
import { quotaSettingsFromEnv } from '../app/quota-settings.js';
import type { WebAsset } from '../app/routes/web.js';
import { readBuiltWebAssets } from '../build/built-assets.js';

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

/** Sign-in is required when asked (option, or ZIPING_AUTH=on) and always off loopback (issue #12). */
export function authRequiredFor(host: string, option: boolean | undefined, fromEnv: string | undefined): boolean {
  return option === true || fromEnv?.trim().toLowerCase() === 'on' || !isLoopbackHost(host);
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

function urlOf(host: string, port: number): string {
  const shown = host.includes(':') ? `[${host}]` : host;
  return `http://${shown}:${port}`;
}

function listen(app: Hono<AppEnv>, host: string, port: number): Promise<{ server: ServerType; port: number }> {
  return new Promise((resolvePromise, reject) => {
    const server = serve({ fetch: app.fetch, hostname: host, port }, (info: AddressInfo) => {
      server.off('error', onError);
      resolvePromise({ server, port: info.port });
    });
    const onError = (error: NodeJS.ErrnoException): void => {
      const message =
        error.code === 'EADDRINUSE'
          ? `端口 ${port} 已被占用（${host}）：请停止占用它的程序，或用 --port / PORT 换一个端口。`
          : error.code === 'EACCES'
            ? `没有权限监听 ${host}:${port}：请换一个大于 1024 的端口。`
            : `无法在 ${host}:${port} 上启动服务：${error.message}`;
      reject(new ZipingError('internal_error', message, { cause: error }));
    };
    server.once('error', onError);
  });
}

function closeServer(server: ServerType): Promise<void> {
  return new Promise((resolvePromise) => {
    // Requests in flight may finish (so their writes are acknowledged); stragglers are cut after 5 s.
    const force = setTimeout(() => {
      if ('closeAllConnections' in server) server.closeAllConnections();
    }, 5000);
    force.unref();
    server.close(() => {
      clearTimeout(force);
      resolvePromise();
    });
    if ('closeIdleConnections' in server) server.closeIdleConnections();
  });
}

/** The PostgreSQL store when a URL is given, else the lowdb store in `dataDir` (logging quarantined files). */
async function openStore(
  databaseUrl: string | undefined,
  schema: string | undefined,
  dataDir: string,
  cacheSize: number | undefined,
  log: (line: string) => void,
): Promise<OpenedStore> {
  if (databaseUrl) {
    const { PostgresFormRepository } = await import('../store/postgres-repository.js');
    const { PostgresAuditLog, PostgresQuotaCounters } = await import('../store/postgres-audit-log.js');
    const { PostgresReviewRepository } = await import('../store/postgres-reviews.js');
    const store = await PostgresFormRepository.open({ connectionString: databaseUrl, ...(schema ? { schema } : {}) });
    const [audit, quotaCounters] = [new PostgresAuditLog(store.pool), new PostgresQuotaCounters(store.pool)];
    const reviews = new PostgresReviewRepository(store.pool);
    return { store, accounts: store.accounts(), reviews, audit, quotaCounters, database: store.description };
  }
  await mkdir(dataDir, { recursive: true });
  const store = await LowdbFormRepository.open(dataDir, {
    cacheSize,
    onQuarantine: (q) =>
      log(
        `数据文件无法载入，已隔离 quarantined: ${q.file} → ${q.movedTo}（${q.reason}）。其余表单照常服务；运行 npx ziping doctor 查看说明。`,
      ),
  });
  const accounts = await LowdbAccountRepository.open(dataDir, (q) =>
    log(`账号文件无法载入，已隔离 quarantined: ${q.file} → ${q.movedTo}（${q.reason}）。`),
  ).catch(async (error: unknown) => {
    await store.close();
    throw error;
  });
  // The audit file and the reviews beside the forms (the store's lock covers them); quotas count in this one process
  const audit = await FileAuditLog.open(dataDir);
  const reviews = await LowdbReviewRepository.open(dataDir);
  return { store, accounts, reviews, audit, quotaCounters: new MemoryQuotaCounters(), database: null };
}

/** The store with the accounts, reviews, audit log and quota counters that go with it (issue #12). */
interface OpenedStore {
  store: FormRepository;
  accounts: AccountRepository;
  reviews: ReviewRepository;
  audit: AuditLog;
  quotaCounters: QuotaCounters;
  database: string | null;
}

/** Opens the store and serves the Ziping app on Node; resolves once it is listening. */
export async function startNodeServer(options: NodeServerOptions = {}): Promise<RunningServer> {
  const env = options.env ?? process.env;
  const log = options.log ?? ((line: string) => console.log(line));
  const host = options.host ?? (env.HOST || DEFAULT_HOST);
  const requestedPort = portOf(options.port ?? env.PORT);
  const dataDir = resolve(options.dataDir ?? (env.ZIPING_DATA || DEFAULT_DATA_DIR));

  // Templates and model settings are checked before anything is opened: a bad one stops the start
  const promptsDir = options.promptsDir ?? env.ZIPING_PROMPTS;
  const drafter =
    options.drafter ?? createDrafterFromEnv(env, { prompts: loadPromptsFromDir(promptsDir || undefined) });
  const drafterConfig = options.drafter ? null : drafterConfigFromEnv(env);
  const textModel = options.textModel !== undefined ? options.textModel : textModelFromEnv(env);

  const webAssets = options.webAssets === undefined ? await defaultWebAssets() : options.webAssets;

  const databaseUrl = options.databaseUrl ?? (env.ZIPING_DATABASE_URL || undefined);
  const quotas = quotaSettingsFromEnv(env);
  const { store, accounts, reviews, audit, quotaCounters, database } = await openStore(
    databaseUrl,
    options.databaseSchema ?? (env.ZIPING_DATABASE_SCHEMA || undefined),
    dataDir,
    options.cacheSize,
    log,
  );
  const allowedHosts = options.allowedHosts ?? allowedHostsFor(host, env.ZIPING_ALLOWED_HOSTS);
  const authRequired = authRequiredFor(host, options.auth, env.ZIPING_AUTH);
  if (authRequired) {
    await refuseWithoutAdmin(accounts, async () => {
      await accounts.close();
      await reviews.close();
      await audit.close();
      await store.close();
    });
  }
  const app = createApp({
    store,
    accounts,
    reviews,
    drafter,
    textModel,
    ...(webAssets ? { webAssets } : {}),
    clock: () => new Date(),
    audit,
    quotaCounters,
    config: {
      allowedHosts,
      authRequired,
      quotas,
      ...(options.bodyLimitBytes ? { bodyLimitBytes: options.bodyLimitBytes } : {}),
    },
  });
  options.extendApp?.(app);

  let listening: { server: ServerType; port: number };
  try {
    listening = await listen(app, host, requestedPort);
  } catch (error) {
    await accounts.close();
    await reviews.close();
    await audit.close();
    await store.close();
    throw error;
  }
  const { server, port } = listening;
  const url = urlOf(host, port);

  let closing: Promise<void> | null = null;
  let settle!: () => void;
  const closed = new Promise<void>((r) => (settle = r));
  const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM'];
  const onSignal = (signal: NodeJS.Signals): void => {
    if (closing) {
      // A second Ctrl-C means "now".
      process.exit(130);
    }
    log(`收到 ${signal}，正在停止服务 / stopping…`);
    void close();
  };
  const close = (): Promise<void> => {
    closing ??= (async () => {
      if (options.handleSignals !== false) for (const s of signals) process.off(s, onSignal);
      await closeServer(server);
      await accounts.close();
      await reviews.close();
      await audit.close();
      await store.close();
      settle();
    })();
    return closing;
  };
  if (options.handleSignals !== false) for (const s of signals) process.on(s, onSignal);

  const drafterText =
    drafterConfig?.kind === 'model'
      ? `模型 ${drafterConfig.options.model} model`
      : `内置起草器 built-in${drafterConfig?.kind === 'builtin' ? '' : ` (${drafter.id})`}`;
  const warning = authRequired ? null : exposureWarning(host);
  if (warning) log(warning);
  log(
    `绩效自评助手已启动 Ziping is listening on ${url}  ${database ? `数据库 database: ${database}` : `数据目录 data: ${dataDir}`}  起草 drafter: ${drafterText}  接口说明 API: ${url}/api/openapi.json`,
  );
  return { url, host, port, dataDir, database, closed, close };
}

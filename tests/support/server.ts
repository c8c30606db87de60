/**
 * A real Ziping server for service tests: `startNodeServer` on 127.0.0.1 with a free port and a
 * lowdb store in a fresh temp directory, plus small helpers to call it over real HTTP. With
 * ZIPING_TEST_STORE=postgres (the `postgres-http` vitest project) the store is PostgreSQL in a
 * fresh schema of ZIPING_TEST_DATABASE_URL instead, so the same HTTP tests run on both.
 */
import { startNodeServer, type RunningServer } from '../../src/entry/node.js';
import { dropSchema, freshSchemaName, TEST_DATABASE_URL } from './postgres.js';
import { makeTempDir, removeDir } from './temp-dir.js';

export interface TestServer extends RunningServer {
  /** Stops the server; removes the data directory unless it was given or `keepData` is set. */
  stop(options?: { keepData?: boolean }): Promise<void>;
  /** `fetch` against the server, path relative to its URL. */
  request(path: string, init?: RequestInit): Promise<Response>;
  /** Sends `body` as JSON with `method` (default POST). */
  send(path: string, body: unknown, init?: RequestInit & { method?: string }): Promise<Response>;
  /** The PostgreSQL schema of ZIPING_TEST_STORE=postgres (for tests that read the tables); else null. */
  schema: string | null;
}

/** Starts a server on a loopback port; `dataDir` reuses an existing store (restart tests). */
export async function startTestServer(
  options: { dataDir?: string; bodyLimitBytes?: number; env?: Record<string, string> } = {},
): Promise<TestServer> {
  const ownDir = options.dataDir === undefined;
  const dataDir = options.dataDir ?? (await makeTempDir('ziping-service-'));
  const schema = ownDir && process.env.ZIPING_TEST_STORE === 'postgres' ? freshSchemaName() : undefined;
  if (schema && !TEST_DATABASE_URL) throw new Error('ZIPING_TEST_STORE=postgres needs ZIPING_TEST_DATABASE_URL');
  const server = await startNodeServer({
    ...(schema ? { databaseUrl: TEST_DATABASE_URL, databaseSchema: schema } : {}),
    host: '127.0.0.1',
    port: 0,
    dataDir,
    bodyLimitBytes: options.bodyLimitBytes,
    handleSignals: false,
    log: () => undefined,
    // Never the developer's own OPENAI_* / ZIPING_MODEL: a test names the model it talks to
    env: options.env ?? {},
    // The API tests need no page; the browser tests (tests/e2e) build and serve it
    webAssets: null,
  });
  const request = (path: string, init?: RequestInit): Promise<Response> => fetch(`${server.url}${path}`, init);
  return {
    ...server,
    schema: schema ?? null,
    request,
    send(path, body, init = {}) {
      const headers = new Headers(init.headers);
      if (!headers.has('content-type')) headers.set('content-type', 'application/json');
      return request(path, {
        method: 'POST',
        ...init,
        headers,
        body: typeof body === 'string' ? body : JSON.stringify(body),
      });
    },
    async stop(stopOptions = {}) {
      await server.close();
      if (ownDir && !stopOptions.keepData) await removeDir(dataDir);
      if (schema && !stopOptions.keepData) await dropSchema(schema);
    },
  };
}

/** The JSON body of `response`, typed loosely for assertions. */
export async function jsonOf<T = Record<string, any>>(response: Response): Promise<T> {
  const text = await response.text();
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new Error(`expected JSON (HTTP ${response.status}), got: ${text.slice(0, 200)}`);
  }
}

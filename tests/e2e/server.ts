/**
 * The real Ziping server for the browser tests: the Node entry on 127.0.0.1 and a free port, a
 * fresh data directory, and the web page built in memory (`buildWebAssets()` → `webRoutes`).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startNodeServer, type NodeServerOptions, type RunningServer } from '../../src/entry/node.js';
import { webRoutes } from '../../src/app/routes/web.js';
import { buildWebAssets } from '../../src/build/web-assets.js';

export interface TestServer {
  server: RunningServer;
  url: string;
  /** The page's address. */
  pageUrl: string;
  close(): Promise<void>;
}

let assetsPromise: ReturnType<typeof buildWebAssets> | undefined;

/** Starts the server with its own temporary data directory. */
export async function startTestServer(options: Partial<NodeServerOptions> = {}): Promise<TestServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ziping-e2e-'));
  assetsPromise ??= buildWebAssets();
  const assets = await assetsPromise;
  const server = await startNodeServer({
    host: '127.0.0.1',
    port: 0,
    dataDir,
    handleSignals: false,
    log: () => {},
    env: {},
    ...options,
    extendApp: (app) => {
      options.extendApp?.(app);
      app.route('/', webRoutes(assets));
    },
  });
  // Once the app serves the page at `/` itself, test that; until then `/` is the API index and
  // the page is reached at /index.html through the routes mounted above.
  const root = await fetch(`${server.url}/`);
  await root.arrayBuffer();
  const pageUrl = (root.headers.get('content-type') ?? '').startsWith('text/html')
    ? `${server.url}/`
    : `${server.url}/index.html`;
  return {
    server,
    url: server.url,
    pageUrl,
    close: async () => {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

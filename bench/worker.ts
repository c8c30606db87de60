/**
 * The Worker in local workerd with D1 beside the Node server with lowdb, under the same load:
 * requests per second and p99 of `GET /api/forms/:id` and `POST /api/score` (autocannon), and the
 * median time of one save (new form, new version), each printed as the Worker's figure over the
 * Node server's, measured in the same run. The Worker runs as `npm run dev:worker` does (wrangler's
 * local proxy in front of workerd, a local SQLite-backed D1), so its figures include that proxy,
 * and each D1 round trip goes to miniflare's local D1: reads of stored forms (two round trips per
 * GET) are bound by that simulation, not by what D1 does at the edge. Scoring touches no store.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startNodeServer } from '../src/entry/node.js';

interface LoadResult {
  requests: { average: number };
  latency: { p99: number };
  non2xx: number;
  errors: number;
  timeouts: number;
}

// autocannon ships no types; this is the one call used.
const autocannon = createRequire(import.meta.url)('autocannon') as (
  options: Record<string, unknown>,
) => Promise<LoadResult>;
const SEED = readFileSync(new URL('../tests/support/baai-2022.seed.json', import.meta.url), 'utf8');
const JSON_HEADERS = { 'content-type': 'application/json' };

interface Target {
  name: string;
  url: string;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function startNode(): Promise<Target> {
  const dataDir = await mkdtemp(join(tmpdir(), 'ziping-bench-node-'));
  const server = await startNodeServer({
    host: '127.0.0.1',
    port: 0,
    dataDir,
    handleSignals: false,
    log: () => undefined,
    env: {},
    webAssets: null,
  });
  return {
    name: 'Node + lowdb',
    url: server.url,
    stop: async () => {
      await server.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

async function startWorker(): Promise<Target> {
  const d1Dir = await mkdtemp(join(tmpdir(), 'ziping-bench-d1-'));
  const port = await freePort();
  const inspector = await freePort();
  const child: ChildProcess = spawn(
    'npm',
    ['run', 'dev:worker', '--', '--inspector-port', String(inspector), '--log-level', 'warn'],
    {
      env: { ...process.env, PORT: String(port), ZIPING_D1_DIR: d1Dir },
      detached: true,
      stdio: 'ignore',
    },
  );
  const url = `http://127.0.0.1:${port}`;
  const until = Date.now() + 120_000;
  while (
    !(await fetch(`${url}/api`).then(
      (r) => r.ok,
      () => false,
    ))
  ) {
    if (child.exitCode !== null || Date.now() > until) throw new Error('npm run dev:worker did not start');
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    name: 'Worker + D1',
    url,
    stop: async () => {
      if (child.pid) process.kill(-child.pid, 'SIGTERM');
      await rm(d1Dir, { recursive: true, force: true });
    },
  };
}

/** Load on one route; failed requests are counted and printed, not hidden (a few fail under local wrangler). */
async function load(url: string, options: Record<string, unknown> = {}, duration = 3): Promise<LoadResult> {
  const result = await autocannon({ url, connections: 10, duration, workers: 1, ...options });
  const failed = result.non2xx + result.errors + result.timeouts;
  if (failed > 0)
    console.log(`  (${url}: ${result.non2xx} non-2xx, ${result.errors} errors, ${result.timeouts} timeouts)`);
  return result;
}

/** Median milliseconds of `runs` sequential calls. */
async function medianMs(runs: number, fn: (i: number) => Promise<unknown>): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const start = performance.now();
    await fn(i);
    samples.push(performance.now() - start);
  }
  return samples.sort((a, b) => a - b)[Math.floor(samples.length / 2)]!;
}

async function createForm(url: string): Promise<string> {
  const response = await fetch(`${url}/api/forms`, { method: 'POST', headers: JSON_HEADERS, body: SEED });
  if (response.status !== 201) throw new Error(`create: HTTP ${response.status}`);
  return ((await response.json()) as { id: string }).id;
}

interface Figures {
  get: LoadResult;
  score: LoadResult;
  create: number;
  update: number;
}

async function measure(target: Target): Promise<Figures> {
  const id = await createForm(target.url);
  const get = { url: `${target.url}/api/forms/${id}` };
  const score = { url: `${target.url}/api/score`, method: 'POST', body: SEED, headers: JSON_HEADERS };
  await load(get.url, get, 1);
  await load(score.url, score, 1);
  const ids: string[] = [];
  const create = await medianMs(31, async () => ids.push(await createForm(target.url)));
  const update = await medianMs(31, async (i) => {
    const response = await fetch(`${target.url}/api/forms/${ids[i]}`, {
      method: 'PUT',
      headers: { ...JSON_HEADERS, 'if-match': '"1"' },
      body: SEED,
    });
    if (response.status !== 200) throw new Error(`save: HTTP ${response.status}`);
  });
  return { get: await load(get.url, get), score: await load(score.url, score), create, update };
}

function row(name: string, worker: number, node: number, unit: string, digits = 0): void {
  console.log(
    `${name.padEnd(30)} Worker/Node ${(worker / node).toFixed(2).padStart(6)}   ` +
      `(${worker.toFixed(digits)} vs ${node.toFixed(digits)} ${unit})`,
  );
}

/** Runs both deployments one after the other (never at once: they share the CPUs) and prints ratios. */
export async function runWorkerBench(): Promise<void> {
  const results: Figures[] = [];
  for (const start of [startNode, startWorker]) {
    const target = await start();
    try {
      results.push(await measure(target));
    } finally {
      await target.stop();
    }
  }
  const [node, worker] = results as [Figures, Figures];
  console.log(
    '(autocannon, 10 connections, 3 s per route; saves: median of 31 in a row; Node + lowdb is the baseline)',
  );
  row('GET /api/forms/:id req/s', worker.get.requests.average, node.get.requests.average, 'req/s');
  row('GET /api/forms/:id p99', worker.get.latency.p99, node.get.latency.p99, 'ms');
  row('POST /api/score req/s', worker.score.requests.average, node.score.requests.average, 'req/s');
  row('POST /api/score p99', worker.score.latency.p99, node.score.latency.p99, 'ms');
  row('save a new form', worker.create, node.create, 'ms', 2);
  row('save a new version', worker.update, node.update, 'ms', 2);
}

/**
 * HTTP and store benchmarks, printed as ratios to baselines measured in the same run:
 *
 * - requests per second and p99 latency of `GET /api/forms/:id` and `POST /api/score` under
 *   concurrent load from autocannon, against a bare Hono route served by the same server;
 * - the time of one save to the lowdb store with 100, 1,000 and 10,000 forms stored, as ratios
 *   to the time with 100 (one file per form should keep them near 1).
 *
 * The server runs in this process; autocannon fires from a worker thread, so the two do not
 * share one event loop.
 */
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseForm, scoreForm, type FormInput } from '../src/core/index.js';
import { startNodeServer } from '../src/entry/node.js';
import { LowdbFormRepository } from '../src/store/lowdb-repository.js';
import { runStoresBench } from './stores.js';

/** The parts of an autocannon result this bench reads. */
interface LoadResult {
  requests: { average: number };
  latency: { p99: number; p50: number };
  non2xx: number;
  errors: number;
  timeouts: number;
}

interface LoadOptions {
  url: string;
  method?: 'GET' | 'POST';
  body?: string;
  headers?: Record<string, string>;
  connections: number;
  duration: number;
  workers?: number;
}

// autocannon ships no types; this is the one call used.
const autocannon = createRequire(import.meta.url)('autocannon') as (options: LoadOptions) => Promise<LoadResult>;

const CONNECTIONS = 20;
const SECONDS = 3;

function seedInput(): FormInput {
  return JSON.parse(readFileSync(new URL('../tests/support/baai-2022.seed.json', import.meta.url), 'utf8')) as FormInput;
}

async function load(url: string, options: Partial<LoadOptions> = {}, duration = SECONDS): Promise<LoadResult> {
  const result = await autocannon({ url, connections: CONNECTIONS, duration, workers: 1, ...options });
  if (result.non2xx > 0 || result.errors > 0 || result.timeouts > 0) {
    throw new Error(`load on ${url} had failures: ${result.non2xx} non-2xx, ${result.errors} errors, ${result.timeouts} timeouts`);
  }
  return result;
}

function line(name: string, run: LoadResult, bare: LoadResult): void {
  const rps = run.requests.average / bare.requests.average;
  const p99 = run.latency.p99 / Math.max(bare.latency.p99, 1);
  console.log(
    `${name.padEnd(30)} rps ratio vs bare route: ${rps.toFixed(2)}  p99 ratio: ${p99.toFixed(2)}` +
      `   (${Math.round(run.requests.average)} vs ${Math.round(bare.requests.average)} req/s; p99 ${run.latency.p99} vs ${bare.latency.p99} ms)`,
  );
}

async function httpRatios(label: string, env: Record<string, string> = {}): Promise<void> {
  const dataDir = await mkdtemp(join(tmpdir(), 'ziping-bench-http-'));
  const server = await startNodeServer({
    host: '127.0.0.1',
    port: 0,
    dataDir,
    env,
    webAssets: null,
    handleSignals: false,
    log: () => undefined,
    extendApp: (app) => app.get('/bench/bare', (c) => c.json({ ok: true })),
  });
  try {
    const body = JSON.stringify(seedInput());
    const created = await fetch(`${server.url}/api/forms`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    const { id } = (await created.json()) as { id: string };
    const targets = {
      bare: { url: `${server.url}/bench/bare` },
      get: { url: `${server.url}/api/forms/${id}` },
      list: { url: `${server.url}/api/forms?limit=20` },
      create: { url: `${server.url}/api/forms`, method: 'POST' as const, body, headers: { 'content-type': 'application/json' } },
      score: { url: `${server.url}/api/score`, method: 'POST' as const, body, headers: { 'content-type': 'application/json' } },
    };
    // Warm up the JIT and the connections on every route before measuring.
    for (const target of Object.values(targets)) await load(target.url, target, 1);
    // The bare route is measured before and after, so a machine that slows down midway skews less.
    const bareBefore = await load(targets.bare.url, targets.bare);
    const get = await load(targets.get.url, targets.get);
    const list = await load(targets.list.url, targets.list);
    const create = await load(targets.create.url, targets.create);
    const score = await load(targets.score.url, targets.score);
    const bareAfter = await load(targets.bare.url, targets.bare);
    const bare: LoadResult = {
      ...bareBefore,
      requests: { average: (bareBefore.requests.average + bareAfter.requests.average) / 2 },
      latency: { p50: (bareBefore.latency.p50 + bareAfter.latency.p50) / 2, p99: (bareBefore.latency.p99 + bareAfter.latency.p99) / 2 },
    };
    console.log(`${label} store (autocannon, ${CONNECTIONS} connections, ${SECONDS} s per route; bare route: GET returning {"ok":true}, run before and after)`);
    line(`${label} GET /api/forms/:id`, get, bare);
    line(`${label} GET /api/forms`, list, bare);
    line(`${label} POST /api/forms`, create, bare);
    line(`${label} POST /api/score`, score, bare);
  } finally {
    await server.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

/** Median milliseconds of `runs` sequential calls of `fn`. */
async function medianMs(runs: number, fn: (i: number) => Promise<unknown>): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const start = performance.now();
    await fn(i);
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)]!;
}

async function saveScaling(): Promise<void> {
  const dataDir = await mkdtemp(join(tmpdir(), 'ziping-bench-store-'));
  const store = await LowdbFormRepository.open(dataDir);
  try {
    const form = parseForm(seedInput());
    // The report does not depend on the name, so one scoring serves every clone.
    const report = scoreForm(form);
    const input = (name: string) => ({ form: { ...form, project: { ...form.project, name } }, report, by: 'bench', at: new Date() });
    let stored = 0;
    const fillTo = async (count: number): Promise<void> => {
      const todo = Array.from({ length: count - stored }, (_, i) => stored + i);
      stored = count;
      // Fill with 64 saves in flight at a time; only the measured saves run one by one.
      for (let i = 0; i < todo.length; i += 64) await Promise.all(todo.slice(i, i + 64).map((n) => store.create(input(`填充项目${n}`))));
    };
    // Warm up the save path (JIT, file handles) so the first level is not measured cold.
    const warm: string[] = [];
    for (let i = 0; i < 40; i += 1) warm.push((await store.create(input(`预热项目${i}`))).id);
    for (const id of warm) await store.update(id, 1, input('预热项目'));
    for (const id of warm) await store.delete(id, 2);
    const times: { count: number; create: number; update: number }[] = [];
    for (const count of [100, 1000, 10_000]) {
      const started = performance.now();
      await fillTo(count);
      const fillSeconds = (performance.now() - started) / 1000;
      const ids: string[] = [];
      const create = await medianMs(41, async (i) => ids.push((await store.create(input(`测量项目${count}-${i}`))).id));
      const update = await medianMs(41, async (i) => store.update(ids[i]!, 1, input(`测量项目${count}-${i}改`)));
      await Promise.all(ids.map((id) => store.delete(id, 2)));
      times.push({ count, create, update });
      console.log(`  (${count} forms stored, filled in ${fillSeconds.toFixed(1)} s: save new ${create.toFixed(2)} ms, save new version ${update.toFixed(2)} ms)`);
    }
    const base = times[0]!;
    for (const t of times.slice(1)) {
      console.log(
        `save with ${t.count.toLocaleString('en')} forms stored / with 100: new form ${(t.create / base.create).toFixed(2)}  new version ${(t.update / base.update).toFixed(2)}`,
      );
    }
  } finally {
    await store.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

/** Runs the HTTP and store benchmarks and prints their ratios: lowdb, then PostgreSQL when a database is given. */
export async function runHttpBench(): Promise<void> {
  await httpRatios('lowdb');
  await runStoresBench((label, env) => httpRatios(label, env));
  await saveScaling();
}

/**
 * HTTP and store benchmarks, printed as ratios to baselines measured in the same run:
 *
 * - requests per second and p99 latency of `GET /api/forms/:id` and `POST /api/score` under
 *   concurrent load from autocannon, each against a bare Hono route on the same server doing the
 *   same I/O (the same bytes out; for the POST, the same body read and parsed);
 * - `POST /api/score` against a bare route doing the same work by direct calls (parseForm,
 *   scoreForm, c.json), one request at a time: what the app layer (middleware, validation, error
 *   handling) adds, less what it saves by scoring the requests in flight together (src/app/cohort.ts);
 * - `POST /api/score` and its same-I/O bare route with one connection: what a request costs when
 *   nothing runs beside it (the cohort then waits one event-loop turn and has nothing to share);
 * - beside each ratio, the server thread's CPU time per request (Linux only), steadier than
 *   requests per second when other processes share the cores, and the part of it spent in garbage
 *   collection pauses (a scavenge costs by what survives it, so objects kept past a request show here);
 * - the time of one save to the lowdb store with 100, 1,000 and 10,000 forms stored, as ratios
 *   to the time with 100 (one file per form should keep them near 1).
 *
 * The server runs in this process; autocannon fires from a worker thread, so the two do not
 * share one event loop.
 */
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { PerformanceObserver } from 'node:perf_hooks';
import { join } from 'node:path';
import { parseForm, scoreForm, type FormInput } from '../src/core/index.js';
import { startNodeServer } from '../src/entry/node.js';
import { LowdbFormRepository } from '../src/store/lowdb-repository.js';
import { runStoresBench } from './stores.js';

/** The parts of an autocannon result this bench reads. */
interface LoadResult {
  requests: { average: number; total: number };
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

/** This thread's CPU milliseconds so far (user + system), from /proc; null where there is none. */
function threadCpuMs(): number | null {
  const stat = `/proc/self/task/${process.pid}/stat`;
  if (!existsSync(stat)) return null;
  // Fields after the command name: state is field 3, utime 14 and stime 15, in clock ticks of 10 ms
  const text = readFileSync(stat, 'utf8');
  const fields = text.slice(text.lastIndexOf(') ') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** Milliseconds of garbage collection pauses on this thread, counted while the http bench runs (countingGc). */
const gcPauses = { ms: 0 };

/**
 * Runs `fn` with this thread's GC pauses added to gcPauses. The observer lives only as long as the
 * http bench: bench/run.ts imports this file for every section, which must not pay for it.
 */
async function countingGc(fn: () => Promise<void>): Promise<void> {
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) gcPauses.ms += entry.duration;
  });
  observer.observe({ entryTypes: ['gc'] });
  try {
    await fn();
  } finally {
    observer.disconnect();
  }
}

/** A load result with the server thread's CPU and GC pause microseconds per request (the server runs on this thread). */
type Measured = LoadResult & { cpuUs: number | null; gcUs: number };

function seedInput(): FormInput {
  return JSON.parse(
    readFileSync(new URL('../tests/support/baai-2022.seed.json', import.meta.url), 'utf8'),
  ) as FormInput;
}

async function load(url: string, options: Partial<LoadOptions> = {}, duration = SECONDS): Promise<Measured> {
  const cpuBefore = threadCpuMs();
  const gcBefore = gcPauses.ms;
  const result = await autocannon({ url, connections: CONNECTIONS, duration, workers: 1, ...options });
  const cpuAfter = threadCpuMs();
  // GC entries are delivered after the pause, on a later turn of the event loop
  await new Promise((resolve) => setTimeout(resolve, 20));
  const gcUs = ((gcPauses.ms - gcBefore) * 1000) / result.requests.total;
  if (result.non2xx > 0 || result.errors > 0 || result.timeouts > 0) {
    throw new Error(
      `load on ${url} had failures: ${result.non2xx} non-2xx, ${result.errors} errors, ${result.timeouts} timeouts`,
    );
  }
  const cpuUs =
    cpuBefore === null || cpuAfter === null ? null : ((cpuAfter - cpuBefore) * 1000) / result.requests.total;
  return { ...result, cpuUs, gcUs };
}

/** The mean of two runs of the same route. */
function averaged(a: Measured, b: Measured): Measured {
  return {
    ...a,
    requests: { average: (a.requests.average + b.requests.average) / 2, total: a.requests.total + b.requests.total },
    latency: { p50: (a.latency.p50 + b.latency.p50) / 2, p99: (a.latency.p99 + b.latency.p99) / 2 },
    cpuUs: a.cpuUs === null || b.cpuUs === null ? null : (a.cpuUs + b.cpuUs) / 2,
    gcUs: (a.gcUs + b.gcUs) / 2,
  };
}

/** The server thread's CPU per request, bare over route (1 = costs the same), when both were measured. */
function cpuRatio(run: Measured, bare: Measured): string {
  if (run.cpuUs === null || bare.cpuUs === null) return '';
  const gc = `GC pauses ${Math.round(run.gcUs)} vs ${Math.round(bare.gcUs)}`;
  return `  cpu ratio: ${(bare.cpuUs / run.cpuUs).toFixed(2)} (${Math.round(run.cpuUs)} vs ${Math.round(bare.cpuUs)} µs/req; ${gc})`;
}

function line(name: string, run: Measured, bare: Measured, against = 'same-I/O bare route'): void {
  const rps = run.requests.average / bare.requests.average;
  const p99 = run.latency.p99 / Math.max(bare.latency.p99, 1);
  console.log(
    `${name.padEnd(30)} rps ratio vs ${against}: ${rps.toFixed(2)}  p99 ratio: ${p99.toFixed(2)}` +
      `   (${Math.round(run.requests.average)} vs ${Math.round(bare.requests.average)} req/s; p99 ${run.latency.p99} vs ${bare.latency.p99} ms)` +
      cpuRatio(run, bare),
  );
}

/** GET form, POST score, list and create, each against its same-I/O bare route, on one store. */
export async function httpRatios(label: string, env: Record<string, string> = {}): Promise<void> {
  const dataDir = await mkdtemp(join(tmpdir(), 'ziping-bench-http-'));
  const server = await startNodeServer({
    host: '127.0.0.1',
    port: 0,
    dataDir,
    env,
    webAssets: null,
    handleSignals: false,
    log: () => undefined,
    // Bare routes doing the same I/O as the measured ones: the same bytes out, the same body read and parsed.
    // The form route sends its view's bytes encoded once per version, so its bare route sends encoded bytes too.
    extendApp: (app) => {
      app.get('/bench/bare-form', (c) => c.body(bytes.form, 200, { 'content-type': 'application/json' }));
      app.post('/bench/bare-score', async (c) => {
        JSON.parse(await c.req.text());
        return c.body(bytes.score, 200, { 'content-type': 'application/json' });
      });
      // The score route's work by direct calls, without the app's middleware and validation layer
      app.post('/bench/direct-score', async (c) => c.json(scoreForm(parseForm(JSON.parse(await c.req.text()))), 200));
    },
  });
  const bytes = { form: new Uint8Array() as Uint8Array<ArrayBuffer>, score: '' };
  try {
    const body = JSON.stringify(seedInput());
    const json = { 'content-type': 'application/json' };
    const created = await fetch(`${server.url}/api/forms`, { method: 'POST', headers: json, body });
    const { id } = (await created.json()) as { id: string };
    bytes.form = new Uint8Array(await (await fetch(`${server.url}/api/forms/${id}`)).arrayBuffer());
    bytes.score = await (await fetch(`${server.url}/api/score`, { method: 'POST', headers: json, body })).text();
    const targets = {
      bareGet: { url: `${server.url}/bench/bare-form` },
      bareScore: { url: `${server.url}/bench/bare-score`, method: 'POST' as const, body, headers: json },
      get: { url: `${server.url}/api/forms/${id}` },
      list: { url: `${server.url}/api/forms?limit=20` },
      create: { url: `${server.url}/api/forms`, method: 'POST' as const, body, headers: json },
      score: { url: `${server.url}/api/score`, method: 'POST' as const, body, headers: json },
      directScore: { url: `${server.url}/bench/direct-score`, method: 'POST' as const, body, headers: json },
    };
    // Warm up the JIT and the connections on every route before measuring.
    for (const target of Object.values(targets)) await load(target.url, target, 1);
    // Each bare route is measured before and after its route, so a machine that slows down midway skews less.
    type Target = Partial<LoadOptions> & { url: string };
    const sideBySide = async (route: Target, bareRoute: Target) => {
      const before = await load(bareRoute.url, bareRoute);
      const run = await load(route.url, route);
      const after = await load(bareRoute.url, bareRoute);
      return { run, bare: averaged(before, after) };
    };
    const get = await sideBySide(targets.get, targets.bareGet);
    const score = await sideBySide(targets.score, targets.bareScore);
    // The app layer alone: the same route against its work done by direct calls
    const direct = await sideBySide(targets.score, targets.directScore);
    // One request at a time: nothing in flight to score together
    const single = await sideBySide({ ...targets.score, connections: 1 }, { ...targets.bareScore, connections: 1 });
    // list and create have no same-I/O bare route: shown against the bare GET, as store figures
    const list = await sideBySide(targets.list, targets.bareGet);
    const create = await sideBySide(targets.create, targets.bareScore);
    console.log(
      `${label} store (autocannon, ${CONNECTIONS} connections, ${SECONDS} s per route; each bare route sends the same bytes ` +
        '(and reads and parses the same body), run before and after)',
    );
    line(`${label} GET /api/forms/:id`, get.run, get.bare);
    line(`${label} POST /api/score`, score.run, score.bare);
    line(`${label} POST /api/score`, direct.run, direct.bare, 'same work by direct calls');
    line(`${label} POST /api/score, 1 connection`, single.run, single.bare);
    line(`${label} GET /api/forms (vs bare GET)`, list.run, list.bare);
    line(`${label} POST /api/forms (vs bare POST)`, create.run, create.bare);
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
    const input = (name: string) => ({
      form: { ...form, project: { ...form.project, name } },
      report,
      by: 'bench',
      at: new Date(),
    });
    let stored = 0;
    const fillTo = async (count: number): Promise<void> => {
      const todo = Array.from({ length: count - stored }, (_, i) => stored + i);
      stored = count;
      // Fill with 64 saves in flight at a time; only the measured saves run one by one.
      for (let i = 0; i < todo.length; i += 64)
        await Promise.all(todo.slice(i, i + 64).map((n) => store.create(input(`填充项目${n}`))));
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
      console.log(
        `  (${count} forms stored, filled in ${fillSeconds.toFixed(1)} s: save new ${create.toFixed(2)} ms, save new version ${update.toFixed(2)} ms)`,
      );
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
  await countingGc(async () => {
    await httpRatios('lowdb');
    await runStoresBench((label, env) => httpRatios(label, env));
  });
  await saveScaling();
}

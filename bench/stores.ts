/**
 * Store benchmarks (issue #11), printed as ratios to baselines measured in the same run:
 *
 * - start-up: `ziping serve` as a process, from spawn to listening, with 10,000 forms stored against
 *   an empty store (target ≤ 1.5×); also without index.json (the first start after an upgrade);
 * - a save at version 200 against one at version 10 (target ≤ 1.5×), for lowdb and PostgreSQL;
 * - HTTP load on PostgreSQL beside lowdb (http.ts), when ZIPING_BENCH_DATABASE_URL or
 *   ZIPING_TEST_DATABASE_URL names a database (tables go to a scratch schema, dropped afterwards).
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { parseForm, scoreForm, type FormInput } from '../src/core/index.js';
import { LowdbFormRepository } from '../src/store/lowdb-repository.js';
import { PostgresFormRepository } from '../src/store/postgres-repository.js';
import type { FormRepository, SaveInput } from '../src/store/repository.js';
import { report } from './measure.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const DATABASE_URL = process.env.ZIPING_BENCH_DATABASE_URL || process.env.ZIPING_TEST_DATABASE_URL || '';
const FORMS = 10_000;

function saveInput(name: string): SaveInput {
  const input = JSON.parse(
    readFileSync(new URL('../tests/support/baai-2022.seed.json', import.meta.url), 'utf8'),
  ) as FormInput;
  input.project.name = name;
  const form = parseForm(input);
  return { form, report: scoreForm(form), by: 'bench', at: new Date() };
}

function median(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** Milliseconds from spawning `ziping serve` on `dataDir` to its listening line; then stops it. */
function timeStart(dataDir: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' };
    const child = spawn(process.execPath, ['bin/ziping.js', 'serve', '--port', '0', '--data', dataDir], {
      cwd: ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (!out.includes('listening on')) return;
      const ms = performance.now() - started;
      child.once('close', () => resolve(ms));
      child.kill('SIGTERM');
    });
    child.once('close', (code) => {
      if (!out.includes('listening on')) reject(new Error(`serve exited with ${code}: ${err}`));
    });
  });
}

async function fill(store: FormRepository, count: number): Promise<void> {
  const input = saveInput('填充项目');
  for (let i = 0; i < count; i += 64) {
    await Promise.all(Array.from({ length: Math.min(64, count - i) }, () => store.create(input)));
  }
}

async function startupBench(): Promise<void> {
  const empty = await mkdtemp(join(tmpdir(), 'ziping-bench-empty-'));
  const full = await mkdtemp(join(tmpdir(), 'ziping-bench-full-'));
  try {
    const began = performance.now();
    const store = await LowdbFormRepository.open(full);
    await fill(store, FORMS);
    await store.close();
    console.log(
      `  (filled ${FORMS.toLocaleString('en')} forms in ${((performance.now() - began) / 1000).toFixed(1)} s)`,
    );
    await timeStart(empty); // warm the file cache and the compiler cache
    await timeStart(full);
    const emptyMs: number[] = [];
    const fullMs: number[] = [];
    for (let i = 0; i < 3; i += 1) {
      emptyMs.push(await timeStart(empty));
      fullMs.push(await timeStart(full));
    }
    await rm(join(full, 'index.json'));
    const n = await timeStart(full);
    const [e, f] = [median(emptyMs), median(fullMs)];
    report(
      `start-up, ${FORMS.toLocaleString('en')} forms / empty store (target ≤ 1.5)`,
      f / e,
      `${f.toFixed(0)} vs ${e.toFixed(0)} ms, spawn to listening`,
    );
    report(
      `start-up without index.json (first start after upgrade) / empty`,
      n / e,
      `${n.toFixed(0)} vs ${e.toFixed(0)} ms: every file parsed once`,
    );
  } finally {
    await rm(empty, { recursive: true, force: true });
    await rm(full, { recursive: true, force: true });
  }
}

/** Median ms of a save at about version `low` and at about `high`, measured interleaved. */
async function saveAtVersions(
  store: FormRepository,
  low: number,
  high: number,
): Promise<{ low: number; high: number }> {
  const input = saveInput('版本测试');
  const a = await store.create(input);
  const b = await store.create(input);
  let va = 1;
  let vb = 1;
  const bump = async (id: string, v: number, n: number): Promise<number> => {
    for (let i = 0; i < n; i += 1) await store.update(id, v + i, saveInput(`第${v + i + 1}版`));
    return v + n;
  };
  va = await bump(a.id, va, low - 1);
  vb = await bump(b.id, vb, high - 1);
  const lowMs: number[] = [];
  const highMs: number[] = [];
  for (let i = 0; i < 21; i += 1) {
    let t = performance.now();
    await store.update(a.id, va, saveInput(`甲${i}`));
    lowMs.push(performance.now() - t);
    va += 1;
    t = performance.now();
    await store.update(b.id, vb, saveInput(`乙${i}`));
    highMs.push(performance.now() - t);
    vb += 1;
  }
  return { low: median(lowMs), high: median(highMs) };
}

async function withScratchSchema<T>(fn: (schema: string) => Promise<T>): Promise<T> {
  const schema = `ziping_bench_${Date.now().toString(36)}`;
  try {
    return await fn(schema);
  } finally {
    const client = new pg.Client({ connectionString: DATABASE_URL });
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await client.end();
  }
}

async function versionBench(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'ziping-bench-versions-'));
  try {
    const store = await LowdbFormRepository.open(dir);
    const t = await saveAtVersions(store, 10, 200);
    await store.close();
    report(
      'lowdb: save at version 200 / at version 10 (target ≤ 1.5)',
      t.high / t.low,
      `${t.high.toFixed(2)} vs ${t.low.toFixed(2)} ms`,
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  if (!DATABASE_URL) return;
  await withScratchSchema(async (schema) => {
    const store = await PostgresFormRepository.open({ connectionString: DATABASE_URL, schema });
    const t = await saveAtVersions(store, 10, 200);
    await store.close();
    report(
      'postgres: save at version 200 / at version 10 (target ≤ 1.5)',
      t.high / t.low,
      `${t.high.toFixed(2)} vs ${t.low.toFixed(2)} ms`,
    );
  });
}

/** Runs the store benchmarks; `httpOn(env)` runs the HTTP load figures on a server with `env`. */
export async function runStoresBench(
  httpOn: (label: string, env: Record<string, string>) => Promise<void>,
): Promise<void> {
  await startupBench();
  await versionBench();
  if (!DATABASE_URL) {
    console.log(
      '(PostgreSQL figures skipped: set ZIPING_BENCH_DATABASE_URL or ZIPING_TEST_DATABASE_URL; scripts/ci-postgres.sh prints one)',
    );
    return;
  }
  await withScratchSchema((schema) =>
    httpOn('postgres', { ZIPING_DATABASE_URL: DATABASE_URL, ZIPING_DATABASE_SCHEMA: schema }),
  );
}

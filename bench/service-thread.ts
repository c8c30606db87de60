/**
 * The Node service on its own thread for benchmarks: a real deployment runs the service apart
 * from its clients and its model, so its work must not borrow their event loop (nor theirs its).
 * `startServiceThread` starts this file in a worker thread; the thread starts the service, stores
 * the given form and answers with the service's URL and the form's id, then waits to be closed.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FormInput } from '../src/core/index.js';
import { type BenchThread, serveThread, startBenchThread, threadData } from './ts-worker.js';

interface ThreadData {
  env: Record<string, string>;
  input: FormInput;
  /** Trace the thread's requests (bench/trace-marks.ts), marks named `service …`. */
  trace?: boolean;
}

/** A service running on its own thread: its URL, the stored form's id, and how to stop it. */
export interface ServiceThread {
  url: string;
  formId: string;
  /** The thread, to ask for its trace marks. */
  thread: BenchThread<{ url: string; formId: string }>;
  close: () => Promise<void>;
}

/** Starts the service with `env` on a worker thread and stores `input` in it. */
export async function startServiceThread(
  env: Record<string, string>,
  input: FormInput,
  options: { trace?: boolean } = {},
): Promise<ServiceThread> {
  const data: ThreadData = { env, input, ...(options.trace ? { trace: true } : {}) };
  const thread = await startBenchThread<{ url: string; formId: string }>(import.meta.url, data);
  return { ...thread.ready, thread, close: thread.close };
}

async function runThread(data: ThreadData): Promise<void> {
  if (data.trace) {
    const trace = await import('./trace-marks.js');
    trace.traceHttpServer('service');
    trace.traceFetch('service');
    trace.traceNodeHttpClient('service');
    trace.traceEnqueues('service');
  }
  const { startNodeServer } = await import('../src/entry/node.js');
  const dataDir = mkdtempSync(join(tmpdir(), 'ziping-bench-service-'));
  const service = await startNodeServer({
    host: '127.0.0.1',
    port: 0,
    dataDir,
    env: data.env,
    webAssets: null,
    handleSignals: false,
    log: () => undefined,
  });
  const created = await fetch(`${service.url}/api/forms`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(data.input),
  });
  const { id } = (await created.json()) as { id: string };
  const stop = async () => {
    await service.close();
    rmSync(dataDir, { recursive: true, force: true });
  };
  serveThread({ url: service.url, formId: id }, () => null, stop);
}

const data = threadData<ThreadData>();
if (data?.input) await runThread(data);

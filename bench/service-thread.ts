/**
 * The Node service on its own thread for benchmarks: a real deployment runs the service apart
 * from its clients and its model, so its work must not borrow their event loop (nor theirs its).
 * `startServiceThread` starts this file in a worker thread; the thread starts the service, stores
 * the given form and answers with the service's URL and the form's id, then waits to be closed.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import type { FormInput } from '../src/core/index.js';

interface ThreadData {
  env: Record<string, string>;
  input: FormInput;
}

/** A service running on its own thread: its URL, the stored form's id, and how to stop it. */
export interface ServiceThread {
  url: string;
  formId: string;
  close: () => Promise<void>;
}

/** Starts the service with `env` on a worker thread and stores `input` in it. */
export function startServiceThread(env: Record<string, string>, input: FormInput): Promise<ServiceThread> {
  // Worker threads do not inherit tsx's loader: the thread registers it before loading this file
  const tsx = import.meta.resolve('tsx/esm/api');
  const self = import.meta.url;
  const boot = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(self)}); })`;
  const worker = new Worker(boot, { eval: true, workerData: { env, input } satisfies ThreadData });
  return new Promise((resolve, reject) => {
    worker.once('error', reject);
    worker.once('message', (m: { url: string; formId: string }) => {
      const close = async () => {
        const exited = new Promise((done) => worker.once('exit', done));
        worker.postMessage('close');
        await exited;
      };
      resolve({ url: m.url, formId: m.formId, close });
    });
  });
}

async function runThread(data: ThreadData): Promise<void> {
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
  parentPort!.once('message', async () => {
    await service.close();
    rmSync(dataDir, { recursive: true, force: true });
    process.exit(0);
  });
  parentPort!.postMessage({ url: service.url, formId: id });
}

if (!isMainThread && parentPort && (workerData as ThreadData | undefined)?.input)
  await runThread(workerData as ThreadData);

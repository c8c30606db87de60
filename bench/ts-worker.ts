/**
 * Benchmark parts on their own worker threads (the service, the loopback model): a deployed service
 * runs apart from its clients and its model, so their work must not share one event loop. A thread
 * runs a TypeScript file of this project, answers one request at a time, and is closed by request.
 */
import { parentPort, Worker, workerData } from 'node:worker_threads';

/** A request to a thread: its `type` and what goes with it. */
export interface ThreadRequest {
  type: string;
  [key: string]: unknown;
}

/** A running thread: what it said when ready, how to ask it something, and how to stop it. */
export interface BenchThread<Ready> {
  ready: Ready;
  ask: <T>(request: ThreadRequest) => Promise<T>;
  close: () => Promise<void>;
}

/**
 * Starts the TypeScript file `file` on a worker thread with `data`; resolves once the file calls
 * `serveThread` (its `ready` value is passed on).
 */
export function startBenchThread<Ready>(file: string, data: unknown): Promise<BenchThread<Ready>> {
  // Worker threads do not inherit tsx's loader: the thread registers it before loading the file
  const tsx = import.meta.resolve('tsx/esm/api');
  const boot = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(file)}); })`;
  const worker = new Worker(boot, { eval: true, workerData: data });
  let asked = 0;
  const ask = <T>(request: ThreadRequest) =>
    new Promise<T>((resolve) => {
      const id = ++asked;
      const onAnswer = (m: { id: number; value: T }) => {
        if (m.id !== id) return;
        worker.off('message', onAnswer);
        resolve(m.value);
      };
      worker.on('message', onAnswer);
      worker.postMessage({ id, request });
    });
  return new Promise((resolve, reject) => {
    worker.once('error', reject);
    worker.once('message', (m: { ready: Ready }) => {
      const close = async () => {
        const exited = new Promise((done) => worker.once('exit', done));
        worker.postMessage({ id: 0, request: { type: 'close' } });
        await exited;
      };
      resolve({ ready: m.ready, ask, close });
    });
  });
}

/** The thread's data, or undefined on the main thread. */
export const threadData = <T>(): T | undefined => (parentPort ? (workerData as T) : undefined);

/**
 * In a thread: says `ready`, then answers each request with `answer`; `close` runs `stop` and ends the
 * thread. `marks` answers the thread's trace marks (bench/trace-marks.ts), taken out.
 */
export function serveThread(
  ready: unknown,
  answer: (request: ThreadRequest) => unknown,
  stop: () => Promise<void>,
): void {
  const port = parentPort!;
  port.on('message', async ({ id, request }: { id: number; request: ThreadRequest }) => {
    if (request.type === 'close') {
      await stop();
      process.exit(0);
    }
    if (request.type === 'marks') {
      const { marks } = await import('./trace-marks.js');
      return port.postMessage({ id, value: marks.splice(0) });
    }
    port.postMessage({ id, value: await answer(request) });
  });
  port.postMessage({ ready });
}

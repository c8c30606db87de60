/**
 * The loopback model server (tests/support/openai-server.ts) on its own thread for benchmarks: a
 * deployed model runs apart from its clients, so its replies must not wait on their event loop (nor
 * they on its). It answers each cell with a given text, after a given delay (benchReply).
 */
import { readDataBlock } from '../src/drafting/index.js';
import { startOpenAIServer, type ChatRequestBody, type ReplyFn } from '../tests/support/openai-server.js';
import { type BenchThread, serveThread, startBenchThread, threadData } from './ts-worker.js';

interface ThreadData {
  /** The answer per cell path (the `单元格路径` of the request's data block). */
  texts: Record<string, string>;
  /** Time to the answer's first bytes, in ms. */
  delayMs: number;
  /** Trace the thread's requests (bench/trace-marks.ts), marks named `model …`. */
  trace?: boolean;
}

/** The model on its own thread: its base URL, the last request's body, and its stop. */
export interface ModelThread {
  baseURL: string;
  thread: BenchThread<{ baseURL: string }>;
  /** The body of the last request the model received. */
  lastRequest: () => Promise<ChatRequestBody | null>;
  close: () => Promise<void>;
}

/** Starts the loopback model on a worker thread. */
export async function startModelThread(
  texts: Record<string, string>,
  delayMs: number,
  options: { trace?: boolean } = {},
): Promise<ModelThread> {
  const data: ThreadData = { texts, delayMs, ...(options.trace ? { trace: true } : {}) };
  const thread = await startBenchThread<{ baseURL: string }>(import.meta.url, data);
  return {
    baseURL: thread.ready.baseURL,
    thread,
    lastRequest: () => thread.ask({ type: 'lastRequest' }),
    close: thread.close,
  };
}

/**
 * The bench model's reply: the text for the request's cell (the `单元格路径` of its data block, empty
 * for another), in 4-character chunks, the first after `delayMs`.
 */
export function benchReply(texts: Record<string, string>, delayMs: number): ReplyFn {
  return (r) => {
    const cell = (readDataBlock(r.body!.messages[1]!.content) as { 单元格路径: string }).单元格路径;
    return { text: texts[cell] ?? '', delayMs, chunkSize: 4 };
  };
}

async function runThread(data: ThreadData): Promise<void> {
  if (data.trace) (await import('./trace-marks.js')).traceHttpServer('model');
  const server = await startOpenAIServer({ defaultReply: benchReply(data.texts, data.delayMs) });
  const answer = (request: { type: string }) =>
    request.type === 'lastRequest' ? (server.requests.at(-1)?.body ?? null) : null;
  serveThread({ baseURL: server.baseURL }, answer, () => server.close());
}

const data = threadData<ThreadData>();
if (data?.texts) await runThread(data);

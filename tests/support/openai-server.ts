/**
 * A loopback stand-in for an OpenAI-compatible model server: a real `node:http` server on
 * 127.0.0.1 that speaks `POST /v1/chat/completions`, both as one JSON answer and as a
 * `text/event-stream` of `data: {chunk}` events ending with `data: [DONE]`.
 *
 * Each test scripts what the "model" does: the text it answers, how slow it is, an HTTP error
 * (429 with `retry-after`, 500…), a stream cut after N chunks (the socket is destroyed), a stream
 * that ends without `[DONE]`. Every request body it receives is recorded for assertions.
 * No mocking library: the openai SDK talks to it over real HTTP.
 *
 *   const server = await startOpenAIServer();
 *   server.enqueue({ text: '本项目…' }, { status: 429, headers: { 'retry-after': '0' } });
 *   const client = new OpenAI({ baseURL: server.baseURL, apiKey: 'test' });
 *   …
 *   await server.close();
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the fake model does for one request. */
export interface ScriptedReply {
  /** The answer's text (default `好的。`). */
  text?: string;
  /** Reply with this HTTP status and an OpenAI-style error body instead of an answer. */
  status?: number;
  /** Error message for `status` replies. */
  errorMessage?: string;
  /** Extra response headers, e.g. `{ 'retry-after': '0' }` or `{ 'retry-after-ms': '5' }`. */
  headers?: Record<string, string>;
  /** Wait this long before sending the response headers. */
  delayMs?: number;
  /** Streaming: wait this long between chunks. */
  chunkDelayMs?: number;
  /** Streaming: characters per content chunk (default 4). */
  chunkSize?: number;
  /** Streaming: destroy the socket after this many content chunks. */
  cutAfterChunks?: number;
  /** Streaming: end the response cleanly but without a finish_reason or `[DONE]`. */
  endWithoutDone?: boolean;
  /** finish_reason of the answer (default `stop`). */
  finishReason?: string;
  /** Streaming: reasoning deltas sent before the content (as DeepSeek-R1 style `reasoning_content`). */
  reasoning?: string;
  /** Streaming: never finish; send `text` chunks again and again until the client hangs up. */
  forever?: boolean;
  /** Streaming with `forever`: send empty deltas (keep-alives) instead of text, so only a deadline ends it. */
  foreverSilentText?: boolean;
  /** The answer is `text` repeated up to this many characters (a 10 MB answer without a 10 MB literal). */
  repeatTo?: number;
  /**
   * Streaming, when the request asks for usage (`stream_options.include_usage`): a last chunk with no
   * choices, as OpenAI sends it (default); inside the finish chunk's choice, as Moonshot sends it;
   * or none, as a server that ignores the option.
   */
  streamUsage?: 'chunk' | 'choice' | 'none';
}

/** A request the server received. */
export interface RecordedRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  /** The parsed JSON body (null if it was not JSON). */
  body: ChatRequestBody | null;
  rawBody: string;
}

/** The parts of a chat completion request the tests look at. */
export interface ChatRequestBody {
  model?: string;
  stream?: boolean;
  messages: { role: string; content: string }[];
  [key: string]: unknown;
}

export type ReplyFn = (request: RecordedRequest) => ScriptedReply;

export interface OpenAIServer {
  /** `http://127.0.0.1:PORT` */
  url: string;
  /** `http://127.0.0.1:PORT/v1`, what `new OpenAI({ baseURL })` wants. */
  baseURL: string;
  /** Every request received, in order. */
  readonly requests: RecordedRequest[];
  /** Requests being answered now, and the most at once since the start or the last reset. */
  readonly stats: { inFlight: number; maxInFlight: number };
  /** Replies used one per request, before the default. */
  enqueue(...replies: ScriptedReply[]): void;
  /** The reply used when the queue is empty (a fixed reply or a function of the request). */
  setDefault(reply: ScriptedReply | ReplyFn): void;
  /** Empties the queue and the request log and restores the default reply. */
  reset(): void;
  close(): Promise<void>;
}

export interface OpenAIServerOptions {
  defaultReply?: ScriptedReply | ReplyFn;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Splits text into chunks of `size` characters (code points, so no half characters). */
function chunksOf(text: string, size: number): string[] {
  const chars = [...text];
  const out: string[] = [];
  for (let i = 0; i < chars.length; i += size) out.push(chars.slice(i, i + size).join(''));
  return out;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    req.on('data', (part: Buffer) => parts.push(part));
    req.on('end', () => resolve(Buffer.concat(parts).toString('utf8')));
    req.on('error', reject);
  });
}

let nextId = 1;

/** Starts the server on 127.0.0.1 and a free port. */
export async function startOpenAIServer(options: OpenAIServerOptions = {}): Promise<OpenAIServer> {
  const initialDefault: ScriptedReply | ReplyFn = options.defaultReply ?? { text: '好的。' };
  let fallback: ScriptedReply | ReplyFn = initialDefault;
  const queue: ScriptedReply[] = [];
  const requests: RecordedRequest[] = [];
  const stats = { inFlight: 0, maxInFlight: 0 };
  // bumped by reset(): a request that arrived before a reset must not touch the next test's log or queue
  let epoch = 0;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const arrived = epoch;
    const rawBody = await readBody(req);
    // the client gave up meanwhile, or a test reset the server: take nothing from the queue
    if (arrived !== epoch || res.destroyed || res.socket?.destroyed) {
      res.destroy();
      return;
    }
    let body: ChatRequestBody | null = null;
    try {
      body = JSON.parse(rawBody) as ChatRequestBody;
    } catch {
      body = null;
    }
    const recorded: RecordedRequest = {
      method: req.method ?? '',
      url: req.url ?? '',
      headers: req.headers,
      body,
      rawBody,
    };
    requests.push(recorded);

    if (req.method !== 'POST' || !req.url?.endsWith('/chat/completions')) {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { message: `no route ${req.method} ${req.url}`, type: 'not_found' } }));
      return;
    }
    if (!body || !Array.isArray(body.messages)) {
      res.writeHead(400, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { message: 'messages is required', type: 'invalid_request_error' } }));
      return;
    }

    const reply = queue.shift() ?? (typeof fallback === 'function' ? fallback(recorded) : fallback);
    if (reply.delayMs) await sleep(reply.delayMs);
    if (res.destroyed || res.socket?.destroyed) return;

    if (reply.status && reply.status >= 400) {
      res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
      res.end(
        JSON.stringify({
          error: {
            message: reply.errorMessage ?? `scripted ${reply.status}`,
            type: 'server_error',
            code: String(reply.status),
          },
        }),
      );
      return;
    }

    const id = `chatcmpl-loop${nextId++}`;
    const created = Math.floor(Date.now() / 1000);
    const model = body.model ?? 'loopback';
    const unit = reply.text ?? '好的。';
    const text = reply.repeatTo ? unit.repeat(Math.ceil(reply.repeatTo / unit.length)).slice(0, reply.repeatTo) : unit;
    const finishReason = reply.finishReason ?? 'stop';

    if (!body.stream) {
      res.writeHead(200, { 'content-type': 'application/json', ...reply.headers });
      res.end(
        JSON.stringify({
          id,
          object: 'chat.completion',
          created,
          model,
          choices: [
            { index: 0, message: { role: 'assistant', content: text }, finish_reason: finishReason, logprobs: null },
          ],
          usage: { prompt_tokens: 10, completion_tokens: text.length, total_tokens: 10 + text.length },
        }),
      );
      return;
    }

    res.writeHead(200, {
      'content-type': 'text/event-stream',
      'cache-control': 'no-cache',
      connection: 'keep-alive',
      ...reply.headers,
    });
    res.flushHeaders();
    // resolves once the chunk is handed to the socket, so a cut after N chunks really delivers N
    const send = (delta: Record<string, unknown>, finishReason: string | null, extra: object = {}) =>
      new Promise<void>((resolve) => {
        const chunk = {
          id,
          object: 'chat.completion.chunk',
          created,
          model,
          choices: [{ index: 0, delta, finish_reason: finishReason, logprobs: null, ...extra }],
        };
        res.write(`data: ${JSON.stringify(chunk)}\n\n`, () => resolve());
      });
    const usage = { prompt_tokens: 10, completion_tokens: text.length, total_tokens: 10 + text.length };
    const wantsUsage = (body.stream_options as { include_usage?: boolean } | undefined)?.include_usage === true;
    const usageAs = wantsUsage ? (reply.streamUsage ?? 'chunk') : 'none';
    // The finish chunk, then the usage where the reply says the server reports it
    const finish = async (reason: string) => {
      await send({}, reason, usageAs === 'choice' ? { usage } : {});
      if (usageAs !== 'chunk') return;
      const last = { id, object: 'chat.completion.chunk', created, model, choices: [], usage };
      res.write(`data: ${JSON.stringify(last)}\n\n`);
    };
    await send({ role: 'assistant', content: '' }, null);
    if (reply.reasoning) await send({ reasoning_content: reply.reasoning }, null);
    if (reply.forever) {
      while (!res.destroyed && !res.writableEnded) {
        await send({ content: reply.foreverSilentText ? '' : text }, null);
        await sleep(reply.chunkDelayMs ?? 1);
      }
      return;
    }
    if (reply.repeatTo) {
      // Large answers in large chunks: splitting 10 MB into code points would cost more than the test
      const size = reply.chunkSize ?? 65536;
      for (let i = 0; i < text.length && !res.destroyed; i += size)
        await send({ content: text.slice(i, i + size) }, null);
      if (res.destroyed) return;
      await finish(finishReason);
      res.write('data: [DONE]\n\n');
      res.end();
      return;
    }
    const chunks = chunksOf(text, reply.chunkSize ?? 4);
    for (let i = 0; i < chunks.length; i++) {
      if (reply.cutAfterChunks !== undefined && i >= reply.cutAfterChunks) {
        res.socket?.destroy();
        return;
      }
      if (reply.chunkDelayMs) await sleep(reply.chunkDelayMs);
      if (res.destroyed) return;
      await send({ content: chunks[i] }, null);
    }
    if (reply.cutAfterChunks !== undefined && chunks.length <= reply.cutAfterChunks) {
      // asked to cut after more chunks than there are: cut before the finish chunk
      res.socket?.destroy();
      return;
    }
    if (reply.endWithoutDone) {
      res.end();
      return;
    }
    await finish(finishReason);
    res.write('data: [DONE]\n\n');
    res.end();
  }

  const server = createServer((req, res) => {
    stats.inFlight++;
    stats.maxInFlight = Math.max(stats.maxInFlight, stats.inFlight);
    res.on('close', () => {
      stats.inFlight--;
    });
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) {
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { message: String(error) } }));
      } else {
        res.destroy();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;

  return {
    url,
    baseURL: `${url}/v1`,
    requests,
    stats,
    enqueue: (...replies) => void queue.push(...replies),
    setDefault: (reply) => {
      fallback = reply;
    },
    reset: () => {
      epoch++;
      queue.length = 0;
      requests.length = 0;
      stats.maxInFlight = stats.inFlight;
      fallback = initialDefault;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

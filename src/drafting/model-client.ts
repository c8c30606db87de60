/**
 * How the model drafter reaches a model: the `openai` SDK client with explicit timeout and retries,
 * a fetch that refuses an oversized body while reading it, and the parameters every call sends.
 */
import OpenAI from 'openai';
import { ZipingError } from '../core/errors.js';
import { OutputTooLong, tooManyBytesMessage, type ModelCalls } from './model-errors.js';
import type { PromptSet } from './prompts.js';

export interface ModelDrafterOptions {
  /** Default: the templates bundled from prompts/. */
  prompts?: PromptSet;
  /** The model name the server knows, e.g. `gpt-4o-mini`, `deepseek-chat`, `qwen-plus`, `qwen2.5:7b`. */
  model: string;
  /** Not needed by most local servers. */
  apiKey?: string;
  /** e.g. `https://api.deepseek.com`, `http://127.0.0.1:11434/v1`; default OpenAI's. */
  baseURL?: string;
  /** Per attempt: how long to wait for the answer to start, and the longest silence inside a stream. Default 60 000. */
  timeoutMs?: number;
  /** Retries after 429 / 5xx / timeouts / a broken stream. Default 2. */
  maxRetries?: number;
  /** A fetch implementation (tests, proxies). */
  fetch?: typeof fetch;
  /** Offer the built-in draft with a notice when the model fails for a passing reason (429, 5xx, timeout, broken stream, no connection). Default false. */
  builtinFallback?: boolean;
  /** Ask a failing draft once to repair itself. Default true. */
  repair?: boolean;
  /** Sent only when set (some models accept only their default). */
  temperature?: number;
  /** Sent as `max_tokens` only when set. */
  maxTokens?: number;
  /** Extra headers for every request. */
  headers?: Record<string, string>;
  /** Overall time for one draft or chat turn, retries and repair included (default MODEL_DEADLINE_MS). */
  deadlineMs?: number;
  /** Largest answer in characters; default MODEL_OUTPUT_FACTOR × the cell's maxChars, at least MIN_MODEL_OUTPUT_CHARS. */
  maxOutputChars?: number;
  /** Largest response body in bytes, SSE framing and reasoning included (default MAX_MODEL_RESPONSE_BYTES). */
  maxResponseBytes?: number;
}

/** A response body larger than this is cut off: 16 MiB holds a long reasoning stream with its SSE framing. */
export const MAX_MODEL_RESPONSE_BYTES = 16 * 1024 * 1024;

/**
 * `body` counted as it is read: past `maxBytes` it errors and the source is cancelled. A stream that
 * pulls from the source's reader, one read per read (nothing read ahead): a TransformStream piped
 * through costs a writable side, a pipe loop and two more hops per chunk, and is built for every
 * model call before its first chunk can be read (issue #9).
 */
function countedBody(body: ReadableStream<Uint8Array>, maxBytes: number): ReadableStream<Uint8Array> {
  const reader = body.getReader();
  let seen = 0;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const { done, value } = await reader.read();
        if (done) return controller.close();
        seen += value.byteLength;
        if (seen <= maxBytes) return controller.enqueue(value);
        controller.error(new OutputTooLong(tooManyBytesMessage(maxBytes)));
        await reader.cancel();
      },
      cancel: (reason) => reader.cancel(reason),
    },
    { highWaterMark: 0 },
  );
}

/**
 * A fetch whose response bodies error past `maxBytes`, so a 10 MB answer is never read whole. With
 * `exceptStreams`, a successful event stream is left as it is: its reader counts it (sse-chunks.ts).
 */
export function cappedFetch(inner: typeof fetch, maxBytes: number, exceptStreams = false): typeof fetch {
  return async (input, init) => {
    const response = await inner(input, init);
    if (!response.body) return response;
    if (exceptStreams && response.ok && response.headers.get('content-type')?.startsWith('text/event-stream'))
      return response;
    return new Response(countedBody(response.body, maxBytes), {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
  };
}

/** One model and how every call to it is made. */
export interface ModelCaller extends ModelCalls {
  client: OpenAI;
  /** The client of streamed calls: its event streams are not wrapped, their reader counts the bytes. */
  streamClient: OpenAI;
  /** Largest response body in bytes. */
  maxResponseBytes: number;
  /** Sent with every call: `temperature` and `max_tokens` when configured. */
  params: { temperature?: number; max_tokens?: number };
}

/** The caller the options describe; throws invalid_request without a model name. */
export function createCaller(options: ModelDrafterOptions): ModelCaller {
  const { model } = options;
  if (!model) throw new ZipingError('invalid_request', '未指定模型名称（ZIPING_MODEL）');
  const timeoutMs = options.timeoutMs ?? 60_000;
  const maxRetries = options.maxRetries ?? 2;
  const maxResponseBytes = options.maxResponseBytes ?? MAX_MODEL_RESPONSE_BYTES;
  const base = options.fetch ?? fetch;
  const clientOf = (exceptStreams: boolean) =>
    new OpenAI({
      apiKey: options.apiKey || 'not-needed',
      baseURL: options.baseURL || undefined,
      timeout: timeoutMs,
      maxRetries,
      fetch: cappedFetch(base, maxResponseBytes, exceptStreams),
      ...(options.headers ? { defaultHeaders: options.headers } : {}),
    });
  const params = {
    ...(options.temperature !== undefined ? { temperature: options.temperature } : {}),
    ...(options.maxTokens !== undefined ? { max_tokens: options.maxTokens } : {}),
  };
  const where = options.baseURL || 'https://api.openai.com/v1';
  return {
    client: clientOf(false),
    streamClient: clientOf(true),
    maxResponseBytes,
    model,
    where,
    timeoutMs,
    maxRetries,
    params,
  };
}

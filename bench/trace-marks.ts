/**
 * Timestamps for tracing one streamed draft across threads (bench/first-token-trace.ts). Each
 * thread keeps its own marks, stamped `performance.timeOrigin + performance.now()` so marks of
 * different threads compare. The hooks watch from outside (the http server's `request` event,
 * response writes, undici's diagnostics channels, stream enqueues): the code traced is not changed.
 */
import { subscribe } from 'node:diagnostics_channel';
import { type ClientRequest, Server, ServerResponse, type IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';

/** One named moment on one thread. */
export interface Mark {
  name: string;
  at: number;
}

/** This thread's marks, in the order they happened. */
export const marks: Mark[] = [];

/** Milliseconds since the epoch, comparable across threads. */
export const now = (): number => performance.timeOrigin + performance.now();

export const mark = (name: string): void => void marks.push({ name, at: now() });

const decoder = new TextDecoder();
const text = (chunk: unknown): string =>
  typeof chunk === 'string' ? chunk : chunk instanceof Uint8Array ? decoder.decode(chunk) : '';

/** A model chunk with visible text (`"content":"` and at least one character). */
const hasContent = (s: string) => /"content":"[^"]/.test(s);

/**
 * Marks an http server's side of each request on this thread: `<who> request in` (headers parsed),
 * `<who> body in`, `<who> headers out` and `<who> first text out` (the first write that carries a
 * model delta or an SSE `delta` event, and the turn after it, when the socket has it).
 */
export function traceHttpServer(who: string): void {
  const emit = Server.prototype.emit;
  Server.prototype.emit = function (this: Server, event: string, ...args: unknown[]) {
    if (event === 'connection') mark(`${who} connection opened`);
    if (event === 'request') {
      mark(`${who} request in`);
      (args[0] as IncomingMessage).once('end', () => mark(`${who} body in`));
    }
    return (emit as (...a: unknown[]) => boolean).call(this, event, ...args);
  } as typeof emit;
  const writeHead = ServerResponse.prototype.writeHead;
  ServerResponse.prototype.writeHead = function (this: ServerResponse, ...args: unknown[]) {
    mark(`${who} headers out`);
    return (writeHead as (...a: unknown[]) => ServerResponse).apply(this, args);
  } as typeof writeHead;
  const write = ServerResponse.prototype.write;
  const seen = new WeakSet<ServerResponse>();
  ServerResponse.prototype.write = function (this: ServerResponse, chunk: unknown, ...rest: unknown[]) {
    const s = text(chunk);
    const first = !seen.has(this) && (hasContent(s) || s.startsWith('event: delta'));
    if (first) {
      seen.add(this);
      mark(`${who} first text written`);
    }
    const ok = (write as (...a: unknown[]) => boolean).call(this, chunk, ...rest);
    if (first) process.nextTick(() => mark(`${who} first text uncorked`));
    return ok;
  } as typeof write;
}

/**
 * Marks this thread's fetch requests (undici's channels): `<who> fetch headers written`, `<who> fetch
 * body sent`, `<who> fetch response headers in`, `<who> fetch first text in` (the first socket read
 * carrying a model delta or an SSE delta event).
 */
export function traceFetch(who: string): void {
  const watched = new WeakSet<Socket>();
  subscribe('undici:client:sendHeaders', (m) => {
    mark(`${who} fetch headers written`);
    const socket = (m as { socket: Socket }).socket;
    if (watched.has(socket)) return;
    watched.add(socket);
    // prepended, so the mark is taken when the bytes reach JavaScript, before undici parses them
    socket.prependListener('data', (chunk: Buffer) => {
      const s = chunk.toString('utf8');
      if (hasContent(s) || s.includes('event: delta')) mark(`${who} fetch first text in`);
    });
  });
  subscribe('undici:request:bodySent', () => mark(`${who} fetch body sent`));
  subscribe('undici:request:headers', () => mark(`${who} fetch response headers in`));
}

/**
 * The same marks for requests made with node:http (the Node entry's model fetch, src/entry/node-fetch.ts):
 * the request is written in one go, so `headers written` and `body sent` are both taken when it is
 * (its `finish`); `response headers in` when its response is parsed, `first text in` as above.
 */
export function traceNodeHttpClient(who: string): void {
  const watched = new WeakSet<Socket>();
  subscribe('http.client.request.start', (m) => {
    const request = (m as { request: ClientRequest }).request;
    request.once('finish', () => {
      mark(`${who} fetch headers written`);
      mark(`${who} fetch body sent`);
    });
    request.prependListener('response', () => mark(`${who} fetch response headers in`));
    request.once('socket', (socket) => {
      if (watched.has(socket)) return;
      watched.add(socket);
      socket.prependListener('data', (chunk: Buffer) => {
        const s = chunk.toString('utf8');
        if (hasContent(s) || s.includes('event: delta')) mark(`${who} fetch first text in`);
      });
    });
  });
}

/** Marks stream enqueues on this thread that carry an SSE delta event (`<who> SSE delta enqueued`). */
export function traceEnqueues(who: string): void {
  const proto = ReadableStreamDefaultController.prototype;
  const enqueue = proto.enqueue;
  proto.enqueue = function (this: ReadableStreamDefaultController, chunk?: unknown) {
    if (chunk instanceof Uint8Array && text(chunk).startsWith('event: delta')) mark(`${who} SSE delta enqueued`);
    return enqueue.call(this, chunk);
  };
}

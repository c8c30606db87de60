/**
 * A lean `fetch` for the model client on Node (issue #9): node:http and node:https with keep-alive
 * agents in place of undici's fetch. The openai SDK takes it as its `fetch` option. Undici builds a
 * Request, a web stream of the JSON body and a Response of spec objects for every call, and writes
 * the headers and the body apart: in the first-token trace that was ~0.7 ms of CPU between the SDK
 * calling fetch and its request leaving, then more before the first chunk could be read. Here the
 * request goes out in one write and the answer's body is a web stream fed straight from the socket.
 *
 * What it does as undici's fetch does (tests/entry/node-fetch.test.ts):
 * - http and https; a string, bytes or URLSearchParams body (content-type and content-length as fetch
 *   sets them); the same default headers (accept, accept-language, sec-fetch-mode, user-agent,
 *   `accept-encoding: gzip, deflate`); gzip, x-gzip, deflate (zlib or raw) and br answers decoded
 *   the same way (at most 5 codings; an unknown one leaves the body as it came);
 * - the body is read as it is pulled (the socket pauses once BODY_BUFFER_BYTES are queued unread);
 * - failures to connect or send reject with `TypeError('fetch failed', { cause })`, a body cut short
 *   errors with `TypeError('terminated', { cause })`, so the SDK's retries and our error mapping
 *   see what they see with undici;
 * - an aborted signal rejects with its reason, before the answer and while its body is read;
 * - redirects are followed (at most 20; 303, and 301/302 of a POST, become a GET without body;
 *   credentials are dropped across origins), or refused (`redirect: 'error'`), or returned ('manual').
 * What it leaves to the global fetch (`fallback`): a Request object as input, a streamed, Blob or
 * FormData body, a scheme other than http(s). What it does not do: HTTP/2, proxies (undici's global
 * dispatcher, NODE_USE_ENV_PROXY: modelFetchFor keeps the global fetch then), a custom CA given to
 * undici's dispatcher (NODE_EXTRA_CA_CERTS applies to both), cookies, caching, `keepalive`; Node
 * writes every method in upper case (undici keeps the case of one it does not know). Node only
 * (src/entry): the Worker keeps its global fetch.
 */
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage, type RequestOptions } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { type Duplex, pipeline, type Readable, Transform } from 'node:stream';
import { constants, createBrotliDecompress, createGunzip, createInflate, createInflateRaw } from 'node:zlib';

/** What a lean request sends: its URL, method, headers and body bytes. */
interface Outgoing {
  url: URL;
  method: string;
  /** Lower-cased names, one value each (as a Headers object holds them). */
  headers: Record<string, string>;
  body: Buffer | null;
  redirect: RequestRedirect;
  signal: AbortSignal | null;
}

/** The agents of one lean fetch: sockets kept open between model calls. */
interface Agents {
  'http:': HttpAgent;
  'https:': HttpsAgent;
}

export interface NodeFetchOptions {
  /** Where what this fetch does not handle goes (default the global fetch). */
  fallback?: typeof fetch;
  /** Send every call to the fallback while this says so (checked per call). */
  useFallback?: () => boolean;
  /** TLS options of the https agent (a private CA for a model server, tests). */
  tls?: { ca?: string | Buffer };
}

/** Undici's keep-alive time of an idle socket (its default), so a server's close rarely meets a new request. */
const IDLE_SOCKET_MS = 4000;
const MAX_REDIRECTS = 20;
/** Bytes of an answer read ahead of its reader, as a Node stream buffers them (its default highWaterMark). */
const BODY_BUFFER_BYTES = 16 * 1024;
const MAX_CODINGS = 5;
const NULL_BODY_STATUS = new Set([204, 205, 304]);
const REDIRECT_STATUS = new Set([301, 302, 303, 307, 308]);
/** Methods fetch writes in upper case whatever case they are given in. */
const NORMALIZED_METHODS = new Set(['DELETE', 'GET', 'HEAD', 'OPTIONS', 'POST', 'PUT']);
/** Headers undici's fetch adds when the caller did not set them. */
const DEFAULT_HEADERS: [string, string][] = [
  ['accept', '*/*'],
  ['accept-language', '*'],
  ['sec-fetch-mode', 'cors'],
  ['user-agent', 'node'],
  ['accept-encoding', 'gzip, deflate'],
];
/** Headers dropped when a redirect turns the request into a GET without body (fetch spec, 4.4 step 12). */
const BODY_HEADERS = ['content-encoding', 'content-language', 'content-location', 'content-type', 'content-length'];
/** Headers dropped when a redirect leaves the origin (as undici does). */
const CREDENTIAL_HEADERS = ['authorization', 'proxy-authorization', 'cookie', 'host'];

/** The error fetch rejects with when the request fails on the network. */
const fetchFailed = (cause: unknown): TypeError => new TypeError('fetch failed', { cause });

/** The body bytes and their default content-type; undefined for a body this fetch leaves to the fallback. */
function bodyOf(body: BodyInit | null | undefined): { bytes: Buffer | null; type: string | null } | undefined {
  if (body === null || body === undefined) return { bytes: null, type: null };
  if (typeof body === 'string') return { bytes: Buffer.from(body, 'utf8'), type: 'text/plain;charset=UTF-8' };
  if (body instanceof URLSearchParams) {
    return { bytes: Buffer.from(body.toString(), 'utf8'), type: 'application/x-www-form-urlencoded;charset=UTF-8' };
  }
  if (body instanceof ArrayBuffer) return { bytes: Buffer.from(body), type: null };
  if (ArrayBuffer.isView(body))
    return { bytes: Buffer.from(body.buffer, body.byteOffset, body.byteLength), type: null };
  return undefined;
}

/**
 * The caller's headers as one record of lower-cased names, values trimmed and repeated names joined
 * with `, ` as a Headers object does. The SDK hands over a Headers object; copying it into another
 * (and Node then copying that) cost a validation per header per call. Node still refuses a bad name
 * or value when the request is made, with a TypeError as fetch.
 */
function headerRecord(init: HeadersInit | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (init instanceof Headers) {
    for (const [name, value] of init) out[name] = value;
    return out;
  }
  const pairs = Array.isArray(init) ? init : Object.entries(init ?? {});
  for (const [name, value] of pairs) {
    const key = String(name).toLowerCase();
    const v = String(value).trim();
    out[key] = Object.hasOwn(out, key) ? `${out[key]}, ${v}` : v;
  }
  return out;
}

/** The request `input` and `init` describe, or undefined when the fallback should send it. */
function outgoingOf(input: RequestInfo | URL, init: RequestInit | undefined): Outgoing | undefined {
  if (typeof input !== 'string' && !(input instanceof URL)) return undefined;
  const url = new URL(input);
  const body = bodyOf(init?.body);
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || !body) return undefined;
  // fetch refuses a URL with credentials (a TypeError): the fallback says so in fetch's own words
  if (url.username || url.password) return undefined;
  const asked = init?.method ?? 'GET';
  const method = NORMALIZED_METHODS.has(asked.toUpperCase()) ? asked.toUpperCase() : asked;
  if (body.bytes && (method === 'GET' || method === 'HEAD')) {
    throw new TypeError('Request with GET/HEAD method cannot have body.');
  }
  const headers = headerRecord(init?.headers);
  if (body.type && !Object.hasOwn(headers, 'content-type')) headers['content-type'] = body.type;
  for (const [name, value] of DEFAULT_HEADERS) if (!Object.hasOwn(headers, name)) headers[name] = value;
  if (body.bytes) headers['content-length'] = String(body.bytes.byteLength);
  const redirect = init?.redirect ?? 'follow';
  return { url, method, headers, body: body.bytes, redirect, signal: init?.signal ?? null };
}

/** Node's request options for `out`. */
function requestOptions(out: Outgoing, agents: Agents): RequestOptions {
  const { url, headers } = out;
  return {
    protocol: url.protocol,
    hostname: url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname,
    port: url.port || undefined,
    path: url.pathname + url.search,
    method: out.method,
    headers,
    agent: agents[url.protocol as keyof Agents],
  };
}

/** Deflate bodies come zlib-wrapped or raw: the first byte tells which (as undici decides). */
function inflateEither(): Duplex {
  const options = { flush: constants.Z_SYNC_FLUSH, finishFlush: constants.Z_SYNC_FLUSH };
  let inner: Duplex | null = null;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      if (!inner) {
        if (chunk.length === 0) return done();
        inner = (chunk[0]! & 0x0f) === 0x08 ? createInflate(options) : createInflateRaw(options);
        inner.on('data', (data: Buffer) => this.push(data));
        inner.on('error', (error) => this.destroy(error));
      }
      inner.write(chunk, () => done());
    },
    flush(done) {
      if (!inner) return done();
      inner.once('end', () => done());
      inner.end();
    },
  });
}

/** The decoders of a `content-encoding`, last applied first; none for an unknown coding (as undici). */
function decodersOf(contentEncoding: string | null): Duplex[] {
  const codings = contentEncoding ? contentEncoding.toLowerCase().split(',') : [];
  if (codings.length > MAX_CODINGS) throw new Error(`too many content-encodings in response: ${codings.length}`);
  const decoders: Duplex[] = [];
  for (let i = codings.length - 1; i >= 0; i--) {
    const coding = codings[i]!.trim();
    if (coding === 'gzip' || coding === 'x-gzip') {
      decoders.push(createGunzip({ flush: constants.Z_SYNC_FLUSH, finishFlush: constants.Z_SYNC_FLUSH }));
    } else if (coding === 'deflate') decoders.push(inflateEither());
    else if (coding === 'br') {
      const flush = constants.BROTLI_OPERATION_FLUSH;
      decoders.push(createBrotliDecompress({ flush, finishFlush: flush }));
    } else return [];
  }
  return decoders;
}

/** The decoded body stream of `res` (res itself when not encoded). */
function decoded(res: IncomingMessage, contentEncoding: string | null): Readable {
  const decoders = decodersOf(contentEncoding);
  if (decoders.length === 0) return res;
  // pipeline destroys every stream with the first error; the last one reports it to the reader
  const streams: NodeJS.ReadWriteStream[] = decoders;
  return pipeline(res, ...(streams as [NodeJS.ReadWriteStream]), () => undefined) as unknown as Readable;
}

/**
 * `source` as a web stream, read as it is pulled: past BODY_BUFFER_BYTES not yet read, the source
 * (and so the socket) pauses until the reader asks for more.
 */
function webBody(source: Readable, flight: Flight): ReadableStream<Uint8Array> {
  // set once the body is over (read to its end, errored, aborted, cancelled): later events are late
  let over = false;
  const end = (destroy: boolean) => {
    over = true;
    flight.stop(destroy);
  };
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        // an abort while the body is read errors the body with the abort's reason, as fetch does
        flight.fail = (reason) => {
          if (over) return;
          end(true);
          controller.error(reason);
        };
        const cut = (cause: unknown) => {
          if (over) return;
          end(true);
          controller.error(new TypeError('terminated', { cause }));
        };
        source.on('data', (chunk: Buffer) => {
          if (over) return;
          controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
          if ((controller.desiredSize ?? 0) <= 0) source.pause();
        });
        source.once('end', () => {
          if (over) return;
          end(false);
          controller.close();
        });
        source.on('error', cut);
        // a socket closed before the end: Node says 'aborted' on the message, or only 'close'
        source.once('close', () => cut(Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' })));
      },
      pull() {
        source.resume();
      },
      cancel() {
        if (!over) end(true);
      },
    },
    { highWaterMark: BODY_BUFFER_BYTES, size: (chunk) => chunk.byteLength },
  );
}

/** The Response of `res`: decoded body (none for HEAD and null-body statuses), headers as sent. */
function responseOf(res: IncomingMessage, out: Outgoing, flight: Flight): Response {
  // the pairs as received (a Headers object built here would only be copied by the Response)
  const headers: [string, string][] = [];
  const raw = res.rawHeaders;
  for (let i = 0; i < raw.length; i += 2) headers.push([raw[i]!, raw[i + 1]!]);
  const status = res.statusCode ?? 0;
  const empty = out.method === 'HEAD' || NULL_BODY_STATUS.has(status);
  if (empty) {
    res.resume();
    flight.stop(false);
  }
  const body = empty ? null : webBody(decoded(res, res.headers['content-encoding'] ?? null), flight);
  const response = new Response(body, { status, statusText: res.statusMessage ?? '', headers });
  Object.defineProperty(response, 'url', { value: out.url.href });
  return response;
}

/** The request a redirect to `location` makes of `out`, as fetch makes it (fetch spec, HTTP-redirect fetch). */
function redirected(out: Outgoing, status: number, location: string): Outgoing {
  const url = new URL(location, out.url);
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw fetchFailed(new Error('URL scheme must be a HTTP(S) scheme'));
  const headers = { ...out.headers };
  const toGet =
    (status === 303 && out.method !== 'GET' && out.method !== 'HEAD') ||
    ((status === 301 || status === 302) && out.method === 'POST');
  if (toGet) for (const name of BODY_HEADERS) delete headers[name];
  if (url.origin !== out.url.origin) for (const name of CREDENTIAL_HEADERS) delete headers[name];
  return { ...out, url, headers, method: toGet ? 'GET' : out.method, body: toGet ? null : out.body };
}

/** Whether `res` is a redirect this fetch follows (or refuses, with `redirect: 'error'`). */
function redirectTarget(res: IncomingMessage, out: Outgoing): string | null {
  const location = res.headers.location;
  if (!location || !REDIRECT_STATUS.has(res.statusCode ?? 0) || out.redirect === 'manual') return null;
  if (out.redirect === 'error') throw fetchFailed(new Error('unexpected redirect'));
  return location;
}

/**
 * One request in flight: `fail` is where an abort goes (the pending promise, then the body once the
 * answer started); `stop` ends it once the answer is over (read, cancelled, cut).
 */
interface Flight {
  fail: (reason: unknown) => void;
  /** Ends the flight; `destroy` gives its connection up (an answer not read to its end). */
  stop: (destroy: boolean) => void;
}

/** One request on the wire; resolves with its response message, rejects as fetch does. */
function exchange(out: Outgoing, agents: Agents): Promise<{ res: IncomingMessage; flight: Flight }> {
  return new Promise((resolve, reject) => {
    const { signal } = out;
    const send = out.url.protocol === 'https:' ? httpsRequest : httpRequest;
    const req = send(requestOptions(out, agents));
    const onAbort = () => {
      flight.fail(signal!.reason);
      req.destroy();
    };
    const flight: Flight = {
      fail: reject,
      stop: (destroy) => {
        signal?.removeEventListener('abort', onAbort);
        if (destroy) req.destroy();
      },
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    req.on('error', (error) => {
      signal?.removeEventListener('abort', onAbort);
      reject(fetchFailed(error));
    });
    req.once('response', (res) => resolve({ res, flight }));
    // headers and body leave in one write
    req.end(out.body ?? undefined);
  });
}

/** Sends `out`, following redirects as `out.redirect` says; resolves with the final answer. */
async function sendFollowing(first: Outgoing, agents: Agents): Promise<Response> {
  let out = first;
  for (let hops = 0; ; hops++) {
    out.signal?.throwIfAborted();
    const { res, flight } = await exchange(out, agents);
    let location: string | null;
    try {
      // aborted between the answer's headers and its body stream: the abort's reason, not 'terminated'
      out.signal?.throwIfAborted();
      location = redirectTarget(res, out);
      if (location === null) return responseOf(res, out, flight);
      if (hops >= MAX_REDIRECTS) throw fetchFailed(new Error('redirect count exceeded'));
    } catch (error) {
      flight.stop(true);
      throw error;
    }
    // the redirect's own body is drained, so its socket can serve the next request
    res.resume();
    flight.stop(false);
    out = redirected(out, res.statusCode ?? 0, location);
  }
}

/** The agents' shared settings: sockets kept open for the next call, the most recently used first. */
function agentsOf(options: NodeFetchOptions): Agents {
  const keep = { keepAlive: true, timeout: IDLE_SOCKET_MS, scheduling: 'lifo' as const };
  return { 'http:': new HttpAgent(keep), 'https:': new HttpsAgent({ ...keep, ...(options.tls ?? {}) }) };
}

/** A fetch on node:http(s) for the model client; what it does not handle goes to `options.fallback`. */
export function createNodeFetch(options: NodeFetchOptions = {}): typeof fetch {
  const fallback = options.fallback ?? globalThis.fetch;
  const agents = agentsOf(options);
  const nodeFetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    // a bad URL or header throws a TypeError here, as fetch rejects with one
    const out = options.useFallback?.() ? undefined : outgoingOf(input, init);
    if (!out) return fallback(input, init);
    return sendFollowing(out, agents);
  };
  return nodeFetch as typeof fetch;
}

/**
 * Whether the global fetch was given a dispatcher of another kind than the Agent Node makes by default
 * (a ProxyAgent, an EnvHttpProxyAgent, a mock): its requests must go where that one sends them.
 */
export function globalFetchDispatched(): boolean {
  const dispatcher = (globalThis as Record<symbol, unknown>)[Symbol.for('undici.globalDispatcher.1')];
  return dispatcher !== undefined && (dispatcher as object).constructor?.name !== 'Agent';
}

/**
 * The fetch for the model client of a Node server: this lean one, unless ZIPING_MODEL_FETCH=global or
 * NODE_USE_ENV_PROXY asks for the global fetch, which also takes every call while globalFetchDispatched().
 */
export function modelFetchFor(env: Record<string, string | undefined>): typeof fetch | undefined {
  if (env.NODE_USE_ENV_PROXY || env.ZIPING_MODEL_FETCH?.trim() === 'global') return undefined;
  return createNodeFetch({ useFallback: globalFetchDispatched });
}

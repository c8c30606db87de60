/**
 * The Node entry's lean fetch (src/entry/node-fetch.ts) against real loopback servers (http and
 * https), side by side with undici's global fetch where both should agree: what the server receives,
 * what the caller gets, how failures surface.
 */
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { brotliCompressSync, deflateRawSync, deflateSync, gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { createNodeFetch, globalFetchDispatched, modelFetchFor } from '../../src/entry/node-fetch.js';
import { startOpenAIServer } from '../support/openai-server.js';
import { seedForm } from '../support/seed.js';
import { jsonOf, startTestServer } from '../support/server.js';

const TLS = {
  key: readFileSync(new URL('../fixtures/tls/localhost-key.pem', import.meta.url)),
  cert: readFileSync(new URL('../fixtures/tls/localhost-cert.pem', import.meta.url)),
};

/** What a test server saw of one request. */
interface Seen {
  method: string;
  url: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

interface TestServer {
  url: string;
  seen: Seen[];
  connections: Socket[];
  /** Requests closed by the client before their answer ended. */
  closedEarly: number;
  close: () => Promise<void>;
}

const servers: TestServer[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
});

type Handler = (req: IncomingMessage, res: ServerResponse, seen: Seen) => void | Promise<void>;

/** A loopback server (https with the test certificate when asked) answering with `handler`. */
async function serve(handler: Handler, tls = false): Promise<TestServer> {
  const state: TestServer = { url: '', seen: [], connections: [], closedEarly: 0, close: async () => undefined };
  const onRequest = (req: IncomingMessage, res: ServerResponse) => {
    const parts: Buffer[] = [];
    req.on('data', (p: Buffer) => parts.push(p));
    req.on('end', () => {
      const seen = { method: req.method!, url: req.url!, headers: req.headers, body: Buffer.concat(parts).toString() };
      state.seen.push(seen);
      res.on('close', () => {
        if (!res.writableFinished) state.closedEarly++;
      });
      void handler(req, res, seen);
    });
  };
  const server: Server = tls ? createTlsServer(TLS, onRequest) : createServer(onRequest);
  server.on(tls ? 'secureConnection' : 'connection', (socket: Socket) => state.connections.push(socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.url = `${tls ? 'https' : 'http'}://127.0.0.1:${(server.address() as AddressInfo).port}`;
  state.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  servers.push(state);
  return state;
}

const nodeFetch = createNodeFetch({ tls: { ca: TLS.cert } });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Resolves once `check` holds (polled), so a test can wait for the server's side of things. */
async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 400 && !check(); i++) await sleep(5);
  expect(check()).toBe(true);
}

/** The rejection of `promise` (it must reject). */
async function failureOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

/** Headers the two fetches may differ in: the connection's own. */
function comparable(headers: Seen['headers']) {
  const { host: _host, connection: _connection, ...rest } = headers;
  return rest;
}

describe('node fetch: what it sends and returns is what undici sends and returns', () => {
  const answer: Handler = (_req, res) => {
    // no Date header: the two calls may fall in different seconds
    res.sendDate = false;
    res.writeHead(201, 'Made', [
      ['content-type', 'application/json'],
      ['x-request-id', 'req_1'],
      ['set-cookie', 'a=1'],
      ['set-cookie', 'b=2'],
    ]);
    res.end('{"ok":true,"文字":"完成"}');
  };
  const sdkHeaders = new Headers({
    'content-type': 'application/json',
    authorization: 'Bearer k',
    accept: 'application/json',
  });
  it.each([
    [
      'a JSON string, the SDK way (a Headers object)',
      { method: 'POST', headers: sdkHeaders, body: '{"messages":["好"]}' },
    ],
    ['a string without content-type', { method: 'post', body: '完成率148%' }],
    ['bytes', { method: 'PUT', body: new TextEncoder().encode('字节') }],
    ['URLSearchParams', { method: 'POST', body: new URLSearchParams({ q: '绩效 自评' }) }],
    [
      'a GET with headers as pairs',
      {
        headers: [
          ['x-one', '1'],
          ['X-Two', '2'],
        ] as [string, string][],
      },
    ],
    ['PATCH (the SDK writes methods in upper case)', { method: 'PATCH', body: '{}' }],
    [
      'a repeated name, padded values, a name Object.prototype has',
      {
        headers: [
          ['x-a', ' 1 '],
          ['X-A', '2'],
          ['constructor', 'c'],
          ['Accept', 'text/plain'],
        ] as [string, string][],
      },
    ],
    ['headers as a record', { headers: { 'X-Api-Key': 'k', 'User-Agent': 'ziping' } }],
  ])('%s', async (_what, init: RequestInit) => {
    const server = await serve(answer);
    const url = `${server.url}/v1/chat/completions?x=1&y=二`;
    const viaUndici = await fetch(url, init);
    const viaNode = await nodeFetch(url, init);
    const [a, b] = server.seen;
    expect({ ...b!, headers: comparable(b!.headers) }).toEqual({ ...a!, headers: comparable(a!.headers) });
    expect(b!.headers.connection).toBe('keep-alive');
    for (const [x, y] of [[viaUndici, viaNode]] as const) {
      expect([y.status, y.statusText, y.ok, y.url]).toEqual([x.status, x.statusText, x.ok, x.url]);
      expect([...y.headers]).toEqual([...x.headers]);
      expect(y.headers.getSetCookie()).toEqual(['a=1', 'b=2']);
      expect(await y.json()).toEqual(await x.json());
    }
  });

  it('answers over https, checking the server against the CA it is given', async () => {
    const server = await serve(answer, true);
    const res = await nodeFetch(`${server.url}/v1/models`);
    expect(res.status).toBe(201);
    expect(await res.json()).toEqual({ ok: true, 文字: '完成' });
    // without the CA the certificate is refused, as a connection failure
    const e = await failureOf(createNodeFetch()(`${server.url}/v1/models`));
    expect(e).toBeInstanceOf(TypeError);
    expect((e as TypeError).message).toBe('fetch failed');
    expect(((e as TypeError).cause as { code: string }).code).toBe('DEPTH_ZERO_SELF_SIGNED_CERT');
  });

  it('keeps the connection for the next call', async () => {
    const server = await serve(answer);
    for (let i = 0; i < 3; i++) await (await nodeFetch(`${server.url}/x`)).text();
    expect(server.seen).toHaveLength(3);
    expect(server.connections).toHaveLength(1);
  });

  it.each([
    ['HEAD', 'HEAD', 200],
    ['204', 'GET', 204],
    ['304', 'GET', 304],
  ])('gives no body to %s', async (_what, method, status) => {
    const server = await serve((_req, res) => {
      res.writeHead(status, { 'content-type': 'text/plain' });
      res.end(method === 'HEAD' || status !== 200 ? undefined : 'x');
    });
    const res = await nodeFetch(`${server.url}/`, { method });
    expect(res.status).toBe(status);
    expect(res.body).toBeNull();
  });

  it('refuses a header name fetch refuses, with a TypeError', async () => {
    const server = await serve((_req, res) => void res.end('x'));
    const init = { headers: { 'bad name': 'x' } };
    expect(await failureOf(fetch(`${server.url}/`, init))).toBeInstanceOf(TypeError);
    expect(await failureOf(nodeFetch(`${server.url}/`, init))).toBeInstanceOf(TypeError);
    expect(server.seen).toHaveLength(0);
  });

  it('refuses a URL with credentials as fetch does, sending nothing', async () => {
    const server = await serve((_req, res) => void res.end('x'));
    const url = server.url.replace('http://', 'http://user:secret@');
    const e = await failureOf(nodeFetch(`${url}/`));
    expect(e).toBeInstanceOf(TypeError);
    expect((e as Error).message).toBe(((await failureOf(fetch(`${url}/`))) as Error).message);
    expect(server.seen).toHaveLength(0);
  });

  it('refuses a body on GET as fetch does', async () => {
    const e = await failureOf(nodeFetch('http://127.0.0.1:9/', { body: 'x' }));
    expect(e).toBeInstanceOf(TypeError);
    expect((e as Error).message).toBe(
      ((await failureOf(fetch('http://127.0.0.1:9/', { body: 'x' }))) as Error).message,
    );
  });
});

describe('node fetch: encoded answers are decoded as undici decodes them', () => {
  const text = '该指标年度指标值为≥200台，实际完成296台，完成率148%。'.repeat(50);
  const bytes = Buffer.from(text);
  it.each([
    ['gzip', gzipSync(bytes)],
    ['x-gzip', gzipSync(bytes)],
    ['deflate', deflateSync(bytes)],
    ['deflate', deflateRawSync(bytes)],
    ['br', brotliCompressSync(bytes)],
    ['gzip, br', brotliCompressSync(gzipSync(bytes))],
    ['GZIP', gzipSync(bytes)],
    ['compress', Buffer.from('as sent')],
  ])('content-encoding: %s', async (coding, body) => {
    const server = await serve((_req, res) => {
      res.writeHead(200, { 'content-encoding': coding, 'content-type': 'text/plain; charset=utf-8' });
      res.end(body);
    });
    const viaUndici = await (await fetch(`${server.url}/`)).text();
    const res = await nodeFetch(`${server.url}/`);
    expect(await res.text()).toBe(viaUndici);
    expect(res.headers.get('content-encoding')).toBe(coding);
  });

  it('errors the body of a corrupt encoding, as undici does', async () => {
    const server = await serve((_req, res) => {
      res.writeHead(200, { 'content-encoding': 'gzip' });
      res.end(Buffer.from('not gzip at all'));
    });
    const res = await nodeFetch(`${server.url}/`);
    await expect(res.text()).rejects.toThrow();
    const undici = await fetch(`${server.url}/`);
    await expect(undici.text()).rejects.toThrow();
  });
});

describe('node fetch: the body is a stream read as it is pulled', () => {
  it('hands over each chunk as it arrives', async () => {
    let release!: () => void;
    const second = new Promise<void>((r) => (release = r));
    const server = await serve(async (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write('data: 一\n\n');
      await second;
      res.end('data: 二\n\n');
    });
    const reader = (await nodeFetch(`${server.url}/`)).body!.getReader();
    const decoder = new TextDecoder();
    expect(decoder.decode((await reader.read()).value)).toBe('data: 一\n\n');
    release();
    expect(decoder.decode((await reader.read()).value)).toBe('data: 二\n\n');
    expect((await reader.read()).done).toBe(true);
  });

  it('stops reading the socket while nobody reads the body (backpressure), then reads it all', async () => {
    const chunk = Buffer.alloc(64 * 1024, 'a');
    let written = 0;
    let blocked = false;
    const server = await serve(async (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      for (let i = 0; i < 256; i++) {
        written += chunk.length;
        if (!res.write(chunk)) {
          blocked = true;
          await new Promise((r) => res.once('drain', r));
        }
      }
      res.end();
    });
    const res = await nodeFetch(`${server.url}/`);
    // 16 MiB offered; with nobody reading, the server's writes stop once the socket buffers are full
    await until(() => blocked);
    await sleep(100);
    expect(written).toBeLessThan(16 * 1024 * 1024);
    expect((await res.arrayBuffer()).byteLength).toBe(16 * 1024 * 1024);
  });
});

describe('node fetch: failures surface as fetch surfaces them', () => {
  it('rejects a refused connection with TypeError("fetch failed") and its cause, as undici', async () => {
    const server = await serve(() => undefined);
    const url = `${server.url}/`;
    await server.close();
    servers.length = 0;
    const [a, b] = [await failureOf(fetch(url)), await failureOf(nodeFetch(url))];
    expect(b).toBeInstanceOf(TypeError);
    expect((b as Error).message).toBe((a as Error).message);
    expect(((b as Error).cause as { code: string }).code).toBe('ECONNREFUSED');
  });

  it('errors the body with TypeError("terminated") when the server cuts it', async () => {
    const server = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write('data: 一\n\n', () => setTimeout(() => res.socket!.destroy(), 20));
    });
    const reader = (await nodeFetch(`${server.url}/`)).body!.getReader();
    await reader.read();
    const e = await failureOf(reader.read());
    expect(e).toBeInstanceOf(TypeError);
    expect((e as Error).message).toBe('terminated');
  });

  it('rejects at once with the reason of a signal aborted before the call, sending nothing', async () => {
    const server = await serve((_req, res) => void res.end('x'));
    const reason = new Error('tab closed');
    const e = await failureOf(nodeFetch(`${server.url}/`, { signal: AbortSignal.abort(reason) }));
    expect(e).toBe(reason);
    expect(server.seen).toHaveLength(0);
  });

  it('rejects with the abort reason while waiting for the answer, and closes the request', async () => {
    const server = await serve(() => undefined);
    const controller = new AbortController();
    const pending = nodeFetch(`${server.url}/`, { method: 'POST', body: '{}', signal: controller.signal });
    await until(() => server.seen.length === 1);
    controller.abort();
    const e = await failureOf(pending);
    expect((e as DOMException).name).toBe('AbortError');
    await until(() => server.closedEarly === 1);
  });

  it('errors the body with the abort reason while it is read, and closes the request', async () => {
    const server = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write('data: 一\n\n');
    });
    const controller = new AbortController();
    const reader = (await nodeFetch(`${server.url}/`, { signal: controller.signal })).body!.getReader();
    await reader.read();
    const reason = new Error('client left');
    controller.abort(reason);
    expect(await failureOf(reader.read())).toBe(reason);
    await until(() => server.closedEarly === 1);
  });

  it('closes the request when the body is cancelled', async () => {
    const server = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write('data: 一\n\n');
    });
    const res = await nodeFetch(`${server.url}/`);
    await res.body!.cancel();
    await until(() => server.closedEarly === 1);
  });
});

describe('node fetch: redirects', () => {
  /** A server that redirects `/from` with `status` to `to`, and answers anything else with what it got. */
  const redirecting = (status: number, to: (server: TestServer) => string, target?: TestServer) =>
    serve((req, res, seen) => {
      if (req.url === '/from') {
        res.writeHead(status, { location: to(target ?? state) });
        res.end('moved');
        return;
      }
      res.end(JSON.stringify({ method: seen.method, body: seen.body, auth: seen.headers.authorization ?? null }));
    }).then((s) => (state = s));
  let state: TestServer;

  it.each([
    [307, 'POST', '{"a":1}'],
    [308, 'POST', '{"a":1}'],
    [303, 'GET', ''],
    [302, 'GET', ''],
    [301, 'GET', ''],
  ])('%i after a POST: %s with body %j, as undici', async (status, method, body) => {
    const server = await redirecting(status, (s) => `${s.url}/to`);
    const init = { method: 'POST', body: '{"a":1}', headers: { 'content-type': 'application/json' } };
    const viaNode = await nodeFetch(`${server.url}/from`, init);
    expect(await viaNode.json()).toEqual({ method, body, auth: null });
    expect(viaNode.url).toBe(`${server.url}/to`);
    expect(await (await fetch(`${server.url}/from`, init)).json()).toEqual({ method, body, auth: null });
  });

  it('drops the authorization header when the redirect leaves the origin, keeps it within', async () => {
    const other = await redirecting(307, () => '');
    const server = await redirecting(307, () => `${other.url}/to`);
    const init = { method: 'POST', body: '{}', headers: { authorization: 'Bearer k' } };
    expect((await (await nodeFetch(`${server.url}/from`, init)).json()).auth).toBeNull();
    const same = await redirecting(307, (s) => `${s.url}/to`);
    expect((await (await nodeFetch(`${same.url}/from`, init)).json()).auth).toBe('Bearer k');
  });

  it('returns the redirect itself with redirect: "manual", refuses it with "error", stops a loop', async () => {
    const server = await redirecting(302, (s) => `${s.url}/from`);
    const manual = await nodeFetch(`${server.url}/from`, { redirect: 'manual' });
    expect([manual.status, manual.headers.get('location'), await manual.text()]).toEqual([
      302,
      `${server.url}/from`,
      'moved',
    ]);
    const refused = await failureOf(nodeFetch(`${server.url}/from`, { redirect: 'error' }));
    expect(refused).toBeInstanceOf(TypeError);
    const loop = await failureOf(nodeFetch(`${server.url}/from`));
    expect(loop).toBeInstanceOf(TypeError);
    expect(((loop as Error).cause as Error).message).toBe('redirect count exceeded');
    expect(server.seen.filter((s) => s.url === '/from').length).toBe(1 + 1 + 21);
  });
});

describe('node fetch: what it leaves to the global fetch', () => {
  it.each([
    ['a Request object', () => [new Request('http://127.0.0.1:9/')] as const],
    [
      'a streamed body',
      () => ['http://127.0.0.1:9/', { method: 'POST', body: new ReadableStream(), duplex: 'half' }] as const,
    ],
    ['a Blob body', () => ['http://127.0.0.1:9/', { method: 'POST', body: new Blob(['x']) }] as const],
    ['a data: URL', () => ['data:text/plain,x'] as const],
  ])('%s goes to the fallback', async (_what, args) => {
    const calls: unknown[] = [];
    const fallback = (async (...a: unknown[]) => {
      calls.push(a[0]);
      return new Response('from the fallback');
    }) as typeof fetch;
    const f = createNodeFetch({ fallback });
    const [input, init] = args() as unknown as [RequestInfo, RequestInit | undefined];
    expect(await (await f(input, init)).text()).toBe('from the fallback');
    expect(calls).toEqual([input]);
  });

  it('sends every call to the fallback while useFallback says so', async () => {
    const server = await serve((_req, res) => void res.end('direct'));
    let proxied = true;
    const fallback = (async () => new Response('via the proxy')) as unknown as typeof fetch;
    const f = createNodeFetch({ fallback, useFallback: () => proxied });
    expect(await (await f(`${server.url}/`)).text()).toBe('via the proxy');
    proxied = false;
    expect(await (await f(`${server.url}/`)).text()).toBe('direct');
  });

  it('is the model fetch of a Node server unless the global fetch is asked for', async () => {
    expect(globalFetchDispatched()).toBe(false);
    expect(modelFetchFor({})).toBeTypeOf('function');
    expect(modelFetchFor({ ZIPING_MODEL_FETCH: 'global' })).toBeUndefined();
    expect(modelFetchFor({ NODE_USE_ENV_PROXY: '1' })).toBeUndefined();
  });
});

describe('node fetch: the Node server drafts through it', () => {
  /** The model requests a draft through a Node server with `env` made, by client: node:http or undici. */
  async function modelRequestsOf(env: Record<string, string>) {
    const model = await startOpenAIServer({ defaultReply: { text: '好的。' } });
    const server = await startTestServer({
      env: { ZIPING_MODEL: 'test-model', OPENAI_BASE_URL: model.baseURL, ...env },
    });
    const seen: string[] = [];
    const viaNode = (m: unknown) => {
      const { request } = m as { request: { path: string } };
      if (request.path.endsWith('/chat/completions')) seen.push('node:http');
    };
    const viaUndici = (m: unknown) => {
      const { request } = m as { request: { origin: string } };
      if (model.url === String(request.origin)) seen.push('undici');
    };
    subscribe('http.client.request.start', viaNode);
    subscribe('undici:request:create', viaUndici);
    try {
      const { id } = await jsonOf(await server.send('/api/forms', seedForm()));
      const res = await server.send(`/api/forms/${id}/drafts`, { field: 'indicators.4.deviation' });
      expect(res.status).toBe(200);
      expect((await jsonOf(res)).drafter).toBe('model');
      // a draft and its repair request: every model call went the same way
      return [...new Set(seen)];
    } finally {
      unsubscribe('http.client.request.start', viaNode);
      unsubscribe('undici:request:create', viaUndici);
      await server.stop();
      await model.close();
    }
  }

  it('sends the model request with node:http, or with undici when ZIPING_MODEL_FETCH=global', async () => {
    expect(await modelRequestsOf({})).toEqual(['node:http']);
    expect(await modelRequestsOf({ ZIPING_MODEL_FETCH: 'global' })).toEqual(['undici']);
  });
});

/**
 * Issue #8, "cross-site and rebinding": writes ignored the content type (a text/plain form post or a
 * no-cors fetch from any page created forms), cross-site requests were served, and the Host header
 * was not checked (a DNS-rebinding page could list and delete everything). Each case against the
 * real server on loopback; Host is set through node:http because fetch does not let a page (or a
 * test) choose it.
 */
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allowedHostsFor, exposureWarning } from '../../src/entry/node.js';
import { MAX_CHAT_TURNS_PER_CELL } from '../../src/core/limits.js';
import { jsonOf, startTestServer, type TestServer } from '../support/server.js';
import { seedInput } from '../support/seed-forms.js';

/** One request with any headers, Host included; resolves with the status and the parsed body. */
function raw(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string },
): Promise<{ status: number; body: any }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: options.method ?? 'GET', headers: options.headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text ? JSON.parse(text) : null }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

let server: TestServer;
const body = () => JSON.stringify(seedInput());
const count = async () => ((await jsonOf(await server.request('/api/forms'))).items as unknown[]).length;

beforeAll(async () => {
  // 50 chat turns in a row (below): no rate limit here; the quotas have their own tests
  server = await startTestServer({ env: { ZIPING_RATE_PER_USER: '0', ZIPING_RATE_PER_UNIT: '0' } });
});
afterAll(() => server.stop());

describe('content types of writes', () => {
  it.each([
    ['text/plain (a form post or no-cors fetch)', 'text/plain;charset=UTF-8'],
    ['a url-encoded form post', 'application/x-www-form-urlencoded'],
    ['multipart', 'multipart/form-data; boundary=x'],
  ])('%s creating a form gets 415 and stores nothing', async (_name, type) => {
    const before = await count();
    const response = await server.request('/api/forms', {
      method: 'POST',
      headers: { 'content-type': type },
      body: body(),
    });
    expect(response.status).toBe(415);
    const error = (await jsonOf(response)).error;
    expect(error.code).toBe('unsupported_media_type');
    expect(error.message).toContain('只接受 application/json');
    expect(await count()).toBe(before);
  });

  it('a body without a content type is refused too (fetch from a page sends text/plain; curl sends form data)', async () => {
    const response = await raw(`${server.url}/api/score`, {
      method: 'POST',
      body: body(),
      headers: { 'content-length': String(Buffer.byteLength(body())) },
    });
    expect(response.status).toBe(415);
  });

  it('JSON with a charset passes', async () => {
    const response = await server.request('/api/forms', {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: body(),
    });
    expect(response.status).toBe(201);
  });

  it('chat and score writes are JSON only as well', async () => {
    const score = await server.request('/api/score', {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: body(),
    });
    expect(score.status).toBe(415);
    const chat = await server.request('/api/forms/x/chat', {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: '{}',
    });
    expect(chat.status).toBe(415);
  });
});

describe('cross-site writes', () => {
  it.each([
    ['Origin of another site', { origin: 'http://evil.example' }],
    ['Sec-Fetch-Site cross-site', { 'sec-fetch-site': 'cross-site' }],
    [
      'another port on localhost (same-site, not same-origin)',
      { 'sec-fetch-site': 'same-site', origin: 'http://localhost:3000' },
    ],
    ['an opaque origin (sandboxed frame, file://)', { origin: 'null' }],
  ])('%s gets 403 and stores nothing', async (_name, headers) => {
    const before = await count();
    const response = await server.request('/api/forms', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: body(),
    });
    expect(response.status).toBe(403);
    expect((await jsonOf(response)).error.code).toBe('cross_site_request');
    expect(await count()).toBe(before);
  });

  it('a delete from another site is refused', async () => {
    const id = (await jsonOf(await server.send('/api/forms', seedInput()))).id as string;
    const response = await server.request(`/api/forms/${id}`, {
      method: 'DELETE',
      headers: { origin: 'http://evil.example', 'sec-fetch-site': 'cross-site' },
    });
    expect(response.status).toBe(403);
    expect((await server.request(`/api/forms/${id}`)).status).toBe(200);
  });

  it("the page's own requests (same-origin, its own Origin) pass", async () => {
    const response = await server.request('/api/forms', {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: server.url, 'sec-fetch-site': 'same-origin' },
      body: body(),
    });
    expect(response.status).toBe(201);
  });
});

describe('Host (DNS rebinding)', () => {
  it('finding: a rebinding page reaches the server with its own name in Host; it now gets 421', async () => {
    const port = new URL(server.url).port;
    const list = await raw(`${server.url}/api/forms`, { headers: { host: `rebind.evil.example:${port}` } });
    expect(list.status).toBe(421);
    expect(list.body.error.code).toBe('misdirected_request');
    const remove = await raw(`${server.url}/api/forms/any`, {
      method: 'DELETE',
      headers: { host: `rebind.evil.example:${port}` },
    });
    expect(remove.status).toBe(421);
  });

  it.each(['127.0.0.1', 'localhost', '[::1]'])('loopback name %s is served', async (name) => {
    const port = new URL(server.url).port;
    expect((await raw(`${server.url}/api/forms`, { headers: { host: `${name}:${port}` } })).status).toBe(200);
  });

  it('ZIPING_ALLOWED_HOSTS adds names', async () => {
    const other = await startTestServer({ env: { ZIPING_ALLOWED_HOSTS: 'ziping.lan, pingjia.example.gov.cn' } });
    try {
      const port = new URL(other.url).port;
      expect((await raw(`${other.url}/api/forms`, { headers: { host: `ziping.lan:${port}` } })).status).toBe(200);
      expect((await raw(`${other.url}/api/forms`, { headers: { host: `evil.example:${port}` } })).status).toBe(421);
    } finally {
      await other.stop();
    }
  });

  it('the allowed names are loopback, the listening address and the configured ones', () => {
    expect(allowedHostsFor('0.0.0.0', 'a.example, b.example')).toEqual([
      'localhost',
      '127.0.0.1',
      '::1',
      'a.example',
      'b.example',
    ]);
    expect(allowedHostsFor('192.168.1.5', undefined)).toContain('192.168.1.5');
  });

  it('HOST other than loopback warns at start; loopback does not', () => {
    expect(exposureWarning('0.0.0.0')).toMatch(/警告.*没有账号.*ZIPING_ALLOWED_HOSTS/);
    expect(exposureWarning('127.0.0.1')).toBeNull();
    expect(exposureWarning('::1')).toBeNull();
    expect(exposureWarning('localhost')).toBeNull();
  });
});

describe('chat length per cell', () => {
  it(`after ${MAX_CHAT_TURNS_PER_CELL} turns the next is refused with 409 chat_too_long until the chat is cleared`, async () => {
    const id = (await jsonOf(await server.send('/api/forms', seedInput()))).id as string;
    const field = 'indicators.0.deviation';
    for (let i = 0; i < MAX_CHAT_TURNS_PER_CELL; i++) {
      const turn = await server.send(`/api/forms/${id}/chat`, {
        field,
        message: '更简洁',
        currentText: '该指标已完成，后续将继续加强管理。',
      });
      expect(turn.status).toBe(200);
    }
    const refused = await server.send(`/api/forms/${id}/chat`, {
      field,
      message: '更简洁',
      currentText: '该指标已完成。',
    });
    expect(refused.status).toBe(409);
    expect((await jsonOf(refused)).error.code).toBe('chat_too_long');
    expect((await server.request(`/api/forms/${id}/chat?field=${field}`, { method: 'DELETE' })).status).toBeLessThan(
      300,
    );
    expect(
      (await server.send(`/api/forms/${id}/chat`, { field, message: '更简洁', currentText: '该指标已完成。' })).status,
    ).toBe(200);
  });
});

describe('per-route content types', () => {
  it('the import route may take its file types (the guard lets them through to the route)', async () => {
    const { createApp } = await import('../../src/app/create-app.js');
    const { MemoryFormRepository } = await import('../../src/store/memory-repository.js');
    const app = createApp({
      store: new MemoryFormRepository(),
      config: { contentTypesByPath: { '/api/score': ['text/csv'] } },
    });
    const xlsx = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
    // the guard lets the file through: the import route itself reads it (and finds no workbook in 'PK')
    const imported = await app.request('http://127.0.0.1/api/import', {
      method: 'POST',
      headers: { 'content-type': xlsx },
      body: 'PK',
    });
    expect(imported.status).toBe(422);
    expect(((await imported.json()) as { error: { code: string } }).error.code).toBe('import_unreadable');
    expect(
      (
        await app.request('http://127.0.0.1/api/forms', {
          method: 'POST',
          headers: { 'content-type': xlsx },
          body: 'PK',
        })
      ).status,
    ).toBe(415);
    // a configured path takes its own types only
    expect(
      (
        await app.request('http://127.0.0.1/api/score', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: '{}',
        })
      ).status,
    ).toBe(415);
  });
});

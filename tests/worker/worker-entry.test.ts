/** The Worker entry's own settings: which Host names it answers, and a bad var as a JSON error. */
import { env } from 'cloudflare:test';
import { afterEach, describe, expect, it } from 'vitest';
import worker, { workerApp } from '../../src/entry/worker.js';
import { freshD1, resetD1 } from './d1.js';

const ctx = { waitUntil: () => undefined, passThroughOnException: () => undefined };

describe('Worker entry settings', () => {
  afterEach(resetD1);

  it('answers any Host by default, and only the listed ones when ZIPING_ALLOWED_HOSTS is set', async () => {
    const DB = await freshD1();
    const open = workerApp({ DB });
    expect((await open.request('https://ziping.example.workers.dev/api/forms')).status).toBe(200);
    const pinned = workerApp({ DB, ZIPING_ALLOWED_HOSTS: 'ziping.example.gov.cn' });
    expect((await pinned.request('https://ziping.example.gov.cn/api/forms')).status).toBe(200);
    const other = await pinned.request('https://rebound.example.com/api/forms');
    expect(other.status).toBe(421);
    expect(((await other.json()) as { error: { code: string } }).error.code).toBe('misdirected_request');
  });

  it('answers a malformed model var with the JSON error naming it', async () => {
    const response = await worker.fetch(
      new Request('http://ziping.test/api/forms'),
      { DB: env.DB, ZIPING_MODEL: 'm', ZIPING_MODEL_TIMEOUT_MS: 'abc' },
      ctx,
    );
    expect(response.status).toBe(500);
    const body = (await response.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('invalid_request');
    expect(body.error.message).toContain('ZIPING_MODEL_TIMEOUT_MS');
  });
});

/**
 * The API behaviours every deployment must share, as one table run against each: the Node server
 * with lowdb (http-contract.test.ts) and the Worker with D1 in workerd (tests/worker/). The
 * exhaustive route tests stay in routes.test.ts; this is the representative set a store or
 * runtime could break: create, read with ETag/304, 428, 409 on a stale save, one winner of two
 * racing saves, history, 404, and drafts as JSON and as Server-Sent Events (built-in drafter).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { seedInput } from '../support/seed-forms.js';
import { readSse } from '../support/sse.js';

/** A running deployment under test. */
export interface HttpTarget {
  /** `fetch` against the deployment, path relative to its origin. */
  request(path: string, init?: RequestInit): Promise<Response>;
  /** Stops it and removes what it stored. */
  stop(): Promise<void>;
}

async function jsonOf(response: Response): Promise<Record<string, any>> {
  const text = await response.text();
  try {
    return JSON.parse(text) as Record<string, any>;
  } catch {
    throw new Error(`expected JSON (HTTP ${response.status}), got: ${text.slice(0, 200)}`);
  }
}

/** Registers the shared API table for the deployment `start` makes (one per test). */
export function describeHttpContract(name: string, start: () => Promise<HttpTarget>): void {
  describe(`${name}: API contract`, () => {
    let target: HttpTarget;
    beforeEach(async () => {
      target = await start();
    });
    afterEach(async () => {
      await target.stop();
    });

    const send = (path: string, body: unknown, init: RequestInit = {}): Promise<Response> => {
      const headers = new Headers(init.headers);
      headers.set('content-type', 'application/json');
      return target.request(path, {
        method: 'POST',
        ...init,
        headers,
        body: typeof body === 'string' ? body : JSON.stringify(body),
      });
    };
    const create = async (projectName: string, init?: RequestInit): Promise<Record<string, any>> => {
      const form = seedInput();
      form.project.name = projectName;
      const response = await send('/api/forms', form, init);
      expect(response.status).toBe(201);
      return jsonOf(response);
    };

    it('creates a form: 201 with ETag, Location, the report and who saved it', async () => {
      const response = await send('/api/forms', seedInput(), {
        headers: { 'x-ziping-user': encodeURIComponent('王五') },
      });
      expect(response.status).toBe(201);
      const body = await jsonOf(response);
      expect(body.version).toBe(1);
      expect(response.headers.get('etag')).toBe('"1"');
      expect(response.headers.get('location')).toBe(`/api/forms/${body.id}`);
      expect(body.report.total).toBe(87.5);
      expect(body.narratives['goals.actual']).toMatchObject({
        origin: { kind: 'human' },
        by: '王五',
        version: 1,
        stale: false,
      });
      const list = await jsonOf(await target.request('/api/forms'));
      expect(list.items.map((s: { id: string }) => s.id)).toEqual([body.id]);
      expect(list.items[0]).toMatchObject({
        projectName: '北京智源人工智能研究院建设',
        total: 87.5,
        grade: '良',
        openIssues: 4,
      });
    });

    it('reads a form with its ETag, and 304 when If-None-Match is current', async () => {
      const created = await create('读取测试');
      const response = await target.request(`/api/forms/${created.id}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('etag')).toBe('"1"');
      expect(await jsonOf(response)).toEqual(created);
      const notModified = await target.request(`/api/forms/${created.id}`, { headers: { 'if-none-match': '"1"' } });
      expect(notModified.status).toBe(304);
    });

    it('saves with If-Match: 428 without it, 200 when current, 409 naming the current version when stale', async () => {
      const created = await create('版本测试');
      const url = `/api/forms/${created.id}`;
      const next = seedInput();
      next.project.name = '版本测试（二）';
      const missing = await send(url, next, { method: 'PUT' });
      expect(missing.status).toBe(428);
      expect((await jsonOf(missing)).error.code).toBe('precondition_required');

      const ok = await send(url, next, { method: 'PUT', headers: { 'if-match': '"1"' } });
      expect(ok.status).toBe(200);
      expect(ok.headers.get('etag')).toBe('"2"');

      const stale = await send(url, seedInput(), { method: 'PUT', headers: { 'if-match': '"1"' } });
      expect(stale.status).toBe(409);
      const conflict = await jsonOf(stale);
      expect(conflict.error.code).toBe('version_conflict');
      expect(conflict.error.currentVersion).toBe(2);
      expect((await jsonOf(await target.request(url))).form.project.name).toBe('版本测试（二）');
    });

    it('lets exactly one of two PUTs with the same If-Match win', async () => {
      const created = await create('并发保存');
      const url = `/api/forms/${created.id}`;
      const [a, b] = [seedInput(), seedInput()];
      a.project.name = '甲';
      b.project.name = '乙';
      const responses = await Promise.all([
        send(url, a, { method: 'PUT', headers: { 'if-match': '"1"' } }),
        send(url, b, { method: 'PUT', headers: { 'if-match': '"1"' } }),
      ]);
      expect(responses.map((r) => r.status).sort()).toEqual([200, 409]);
      const winner = await jsonOf(responses.find((r) => r.status === 200)!);
      expect((await jsonOf(await target.request(url))).form.project.name).toBe(winner.form.project.name);
      expect((await jsonOf(await target.request(`${url}/history`))).versions).toHaveLength(2);
    });

    it('keeps the history with who changed which fields, every version readable', async () => {
      const created = await create('历史测试', { headers: { 'x-ziping-user': encodeURIComponent('张三') } });
      const url = `/api/forms/${created.id}`;
      const v2 = seedInput();
      v2.project.name = '历史测试';
      v2.indicators[3]!.actual = '2项';
      v2.selfTotal = 88;
      expect(
        (await send(url, { form: v2, author: '李四' }, { method: 'PUT', headers: { 'if-match': '"1"' } })).status,
      ).toBe(200);
      const history = await jsonOf(await target.request(`${url}/history`));
      expect(history.versions.map((v: Record<string, unknown>) => [v.version, v.by, v.action, v.changes])).toEqual([
        [1, '张三', 'create', []],
        [2, '李四', 'update', ['indicators.3.actual', 'selfTotal']],
      ]);
      const v1 = await target.request(`${url}/versions/1`);
      expect(v1.headers.get('etag')).toBe('"1"');
      expect((await jsonOf(v1)).form.indicators[3].actual).toBe(seedInput().indicators[3]!.actual);
      expect((await target.request(`${url}/versions/3`)).status).toBe(404);
    });

    it('gives 404 JSON for unknown forms and routes, and deletes with If-Match', async () => {
      for (const path of [
        '/api/forms/0000000000000000',
        '/api/forms/no-such-id',
        '/api/forms/0000000000000000/history',
        '/api/nothing',
      ]) {
        const response = await target.request(path);
        expect(response.status, path).toBe(404);
        expect((await jsonOf(response)).error.code).toBe('not_found');
      }
      const created = await create('删除测试');
      const url = `/api/forms/${created.id}`;
      expect((await target.request(url, { method: 'DELETE', headers: { 'if-match': '"7"' } })).status).toBe(409);
      expect((await target.request(url, { method: 'DELETE', headers: { 'if-match': '"1"' } })).status).toBe(204);
      expect((await target.request(url)).status).toBe(404);
    });

    it('drafts a stored form’s cell as JSON and every cell as a stream, storing nothing', async () => {
      const created = await create('起草测试');
      const one = await send(`/api/forms/${created.id}/drafts`, { field: 'indicators.5.deviation' });
      expect(one.status).toBe(200);
      const draft = await jsonOf(one);
      expect(draft).toMatchObject({
        path: 'indicators.5.deviation',
        drafter: 'builtin',
        promptId: 'deviation-reverse-exceeded',
      });
      expect(draft.text).toContain('≤10人');
      expect(draft.checks.ok).toBe(true);

      const stream = await send(
        `/api/forms/${created.id}/drafts`,
        { all: true },
        { headers: { accept: 'text/event-stream' } },
      );
      expect(stream.headers.get('content-type')).toMatch(/^text\/event-stream/);
      const events = await readSse(stream);
      expect(events.filter((e) => e.event === 'progress').map((e) => e.data.done)).toEqual([1, 2, 3, 4]);
      const done = events.find((e) => e.event === 'done')!;
      expect(done.data.items.map((i: { path: string }) => i.path)).toEqual([
        'goals.actual',
        'indicators.4.deviation',
        'indicators.5.deviation',
        'indicators.6.deviation',
      ]);
      expect(done.data.items[0].result.text).toContain('20500万元');
      expect((await jsonOf(await target.request(`/api/forms/${created.id}`))).version).toBe(1);
    });
  });
}

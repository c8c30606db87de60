/**
 * Every route of the API over real HTTP against a real server (lowdb in a temp directory),
 * including each error status: 400, 404, 409, 413, 422, 428.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scoreForm } from '../../src/core/index.js';
import { seedForm, seedInput } from '../support/seed-forms.js';
import { jsonOf, startTestServer, type TestServer } from '../support/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.stop();
});

/** Saves the seed (optionally renamed) and returns the created view. */
async function createForm(name?: string, init?: RequestInit): Promise<Record<string, any>> {
  const form = seedInput();
  if (name) form.project.name = name;
  const response = await server.send('/api/forms', form, init);
  expect(response.status).toBe(201);
  return jsonOf(response);
}

function expectErrorShape(body: Record<string, any>, code: string): void {
  expect(Object.keys(body)).toEqual(['error']);
  expect(body.error.code).toBe(code);
  expect(body.error.message).toMatch(/[\u4e00-\u9fff]/);
}

describe('meta routes', () => {
  it('points to the OpenAPI document, which lists every route, the error shape and the body limit', async () => {
    const index = await jsonOf(await server.request('/api'));
    expect(index.openapi).toBe('/api/openapi.json');
    const response = await server.request('/api/openapi.json');
    expect(response.status).toBe(200);
    const doc = await jsonOf(response);
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths).sort()).toEqual([
      '/api',
      '/api/audit',
      '/api/check',
      '/api/draft',
      '/api/forms',
      '/api/forms/{id}',
      '/api/forms/{id}/accept',
      '/api/forms/{id}/chat',
      '/api/forms/{id}/drafts',
      '/api/forms/{id}/export.docx',
      '/api/forms/{id}/export.xlsx',
      '/api/forms/{id}/history',
      '/api/forms/{id}/narratives/{path}/history',
      '/api/forms/{id}/return',
      '/api/forms/{id}/review',
      '/api/forms/{id}/submit',
      '/api/forms/{id}/versions/{version}',
      '/api/health',
      '/api/import',
      '/api/openapi.json',
      '/api/profiles',
      '/api/score',
      '/api/session',
      '/api/users',
      '/api/users/{name}/restore',
      '/api/users/{name}/revoke',
      '/api/users/{name}/tokens',
    ]);
    expect(Object.keys(doc.paths['/api/forms/{id}'].put.responses).sort()).toEqual([
      '200',
      '400',
      '404',
      '409',
      '413',
      '415',
      '422',
      '428',
      '500',
    ]);
    expect(doc.info.description).toContain('1048576 字节');
    expect(doc.components.schemas.Error.properties.error.required).toEqual(['code', 'message']);
    expect(doc.components.schemas.Form.required).toEqual(['year', 'project', 'indicators']);
  });

  it('answers unknown routes and methods with 404 JSON, never HTML', async () => {
    for (const [method, path] of [
      ['GET', '/api/nothing'],
      ['GET', '/favicon.ico'],
      ['PATCH', '/api/forms'],
      ['POST', '/api/profiles'],
    ] as const) {
      const response = await server.request(path, { method });
      expect(response.status).toBe(404);
      expect(response.headers.get('content-type')).toMatch(/^application\/json/);
      if (path.startsWith('/api/')) expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expectErrorShape(await jsonOf(response), 'not_found');
    }
  });
});

describe('POST /api/score', () => {
  it('scores a form without storing it', async () => {
    const response = await server.send('/api/score', seedInput());
    expect(response.status).toBe(200);
    const report = await jsonOf(response);
    expect(report).toEqual(JSON.parse(JSON.stringify(scoreForm(seedForm()))));
    expect(report.total).toBe(87.5);
    expect(report.grade).toBe('良');
    expect(report.funding.score).toBe(10);
    const row = report.indicators.find((r: { name: string }) => r.name === '支持智源学者');
    expect([row.ruleScore, row.score]).toEqual([1.5, 1.5]);
    expect((await jsonOf(await server.request('/api/forms'))).items).toEqual([]);
  });

  it('accepts { form } and a profile in the query; an unknown profile is 422', async () => {
    const wrapped = await jsonOf(await server.send('/api/score?profile=mof-2020', { form: seedInput() }));
    expect(wrapped.total).toBe(87.5);
    const response = await server.send('/api/score?profile=no-such-profile', seedInput());
    expect(response.status).toBe(422);
    expectErrorShape(await jsonOf(response), 'unknown_profile');
  });

  it('gives 400 for malformed JSON and 422 listing every failing field', async () => {
    const malformed = await server.send('/api/score', '{"year": 2022,');
    expect(malformed.status).toBe(400);
    expectErrorShape(await jsonOf(malformed), 'invalid_json');

    const bad = seedInput() as Record<string, any>;
    bad.year = '二〇二二';
    bad.project.name = '';
    bad.indicators[0].weight = -5;
    bad.indicators[3].score = '满分';
    delete bad.indicators[6].name;
    const response = await server.send('/api/score', bad);
    expect(response.status).toBe(422);
    const body = await jsonOf(response);
    expectErrorShape(body, 'invalid_form');
    const byPath = Object.fromEntries(
      body.error.issues.map((i: { path: string; message: string }) => [i.path, i.message]),
    );
    expect(Object.keys(byPath).sort()).toEqual([
      'indicators.0.weight',
      'indicators.3.score',
      'indicators.6.name',
      'project.name',
      'year',
    ]);
    expect(byPath['indicators.0.weight']).toContain('分值');
    expect(byPath['indicators.3.score']).toContain('得分');
    expect(body.error.issues.every((i: Record<string, unknown>) => typeof i.code === 'string')).toBe(true);
  });
});

describe('GET /api/profiles', () => {
  it('lists the rule profiles with settings and sources', async () => {
    const body = await jsonOf(await server.request('/api/profiles'));
    expect(body.defaultProfile).toBe('mof-2020');
    expect(body.profiles[0].id).toBe('mof-2020');
    expect(body.profiles.length).toBeGreaterThan(1);
    for (const profile of body.profiles) {
      expect(profile.settings.grades.length).toBeGreaterThan(0);
      expect(typeof profile.sources).toBe('object');
    }
  });
});

describe('/api/forms', () => {
  it('creates a form: 201 with id, version, form, report, ETag and Location', async () => {
    const response = await server.send('/api/forms', seedInput(), {
      headers: { 'x-ziping-user': encodeURIComponent('王五') },
    });
    expect(response.status).toBe(201);
    const body = await jsonOf(response);
    expect(body.version).toBe(1);
    expect(response.headers.get('etag')).toBe('"1"');
    expect(response.headers.get('location')).toBe(`/api/forms/${body.id}`);
    expect(body.form.project.name).toBe('北京智源人工智能研究院建设');
    expect(body.report.total).toBe(87.5);
    expect(body.narratives['goals.actual']).toMatchObject({
      origin: { kind: 'human' },
      by: '王五',
      version: 1,
      stale: false,
    });
    const history = await jsonOf(await server.request(`/api/forms/${body.id}/history`));
    expect(history.versions[0].by).toBe('王五');
  });

  it('rejects bad bodies: malformed JSON 400, invalid form 422, unknown envelope key 400, bad origin path 400', async () => {
    const malformed = await server.send('/api/forms', '{"form": ');
    expect(malformed.status).toBe(400);
    expectErrorShape(await jsonOf(malformed), 'invalid_json');

    const invalid = seedInput() as Record<string, any>;
    invalid.indicators[0].weight = -1;
    const unprocessable = await server.send('/api/forms', { form: invalid, author: '赵六' });
    expect(unprocessable.status).toBe(422);
    expect((await jsonOf(unprocessable)).error.issues).toEqual([
      { path: 'indicators.0.weight', code: 'too_small', message: expect.stringContaining('分值') },
    ]);

    const notObject = await server.send('/api/forms', [1, 2]);
    expect(notObject.status).toBe(422);

    const extra = await server.send('/api/forms', { form: seedInput(), autor: '拼错了' });
    expect(extra.status).toBe(400);
    expectErrorShape(await jsonOf(extra), 'invalid_request');

    const badOrigin = await server.send('/api/forms', {
      form: seedInput(),
      origins: { 'project.name': { kind: 'human' } },
    });
    expect(badOrigin.status).toBe(400);
    expect((await jsonOf(badOrigin)).error.issues[0].path).toBe('origins.project.name');
  });

  it('reads a form with its ETag, and 304 when If-None-Match is current', async () => {
    const created = await createForm('读取测试');
    const response = await server.request(`/api/forms/${created.id}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('etag')).toBe('"1"');
    const body = await jsonOf(response);
    expect(Object.keys(body).sort()).toEqual([
      'createdAt',
      'form',
      'id',
      'narratives',
      'report',
      'updatedAt',
      'version',
    ]);
    expect(body).toEqual(created);
    const notModified = await server.request(`/api/forms/${created.id}`, { headers: { 'if-none-match': '"1"' } });
    expect(notModified.status).toBe(304);
  });

  it('serves each version its own bytes: a save changes the view and its ETag, a delete forgets it', async () => {
    const created = await createForm('缓存测试');
    const url = `/api/forms/${created.id}`;
    const first = await server.request(url);
    expect(first.headers.get('x-content-type-options')).toBe('nosniff');
    expect((await jsonOf(first)).form.project.name).toBe('缓存测试');
    const changed = seedInput();
    changed.project.name = '缓存测试改';
    const put = await server.send(url, changed, { method: 'PUT', headers: { 'if-match': '"1"' } });
    expect(put.status).toBe(200);
    const second = await server.request(url);
    expect(second.headers.get('etag')).toBe('"2"');
    const view = await jsonOf(second);
    expect(view.version).toBe(2);
    expect(view.form.project.name).toBe('缓存测试改');
    // the old version's tag no longer matches; the new one does, alone or in a list
    expect((await server.request(url, { headers: { 'if-none-match': '"1"' } })).status).toBe(200);
    expect((await server.request(url, { headers: { 'if-none-match': '"1", "2"' } })).status).toBe(304);
    const removed = await server.request(url, { method: 'DELETE', headers: { 'if-match': '"2"' } });
    expect(removed.status).toBe(204);
    expect((await server.request(url)).status).toBe(404);
    expect((await server.request(url, { headers: { 'if-none-match': '"2"' } })).status).toBe(404);
  });

  it('still guards writes (content type, origin, body limit) while reads skip those guards', async () => {
    const created = await createForm('守卫测试');
    const plain = await server.request('/api/forms', {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: JSON.stringify(seedInput()),
    });
    expect(plain.status).toBe(415);
    expect(plain.headers.get('x-content-type-options')).toBe('nosniff');
    const crossSite = await server.send('/api/forms', seedInput(), { headers: { origin: 'https://evil.example' } });
    expect(crossSite.status).toBe(403);
    // a read from another site, with a content type a write would be refused for, is answered
    const read = await server.request(`/api/forms/${created.id}`, {
      headers: { origin: 'https://evil.example', 'content-type': 'text/plain' },
    });
    expect(read.status).toBe(200);
  });

  it('gives 404 JSON for an unknown id', async () => {
    for (const path of [
      '/api/forms/0000000000000000',
      '/api/forms/no-such-id',
      '/api/forms/0000000000000000/history',
      '/api/forms/0000000000000000/versions/1',
    ]) {
      const response = await server.request(path);
      expect(response.status).toBe(404);
      expectErrorShape(await jsonOf(response), 'not_found');
    }
    const put = await server.send('/api/forms/0000000000000000', seedInput(), {
      method: 'PUT',
      headers: { 'if-match': '"1"' },
    });
    expect(put.status).toBe(404);
  });

  it('saves a new version with If-Match; 428 without it, 409 with a stale one, 400 with a bad one', async () => {
    const created = await createForm('版本测试');
    const url = `/api/forms/${created.id}`;
    const next = seedInput();
    next.project.name = '版本测试（二）';

    const missing = await server.send(url, next, { method: 'PUT' });
    expect(missing.status).toBe(428);
    expectErrorShape(await jsonOf(missing), 'precondition_required');

    const garbage = await server.send(url, next, { method: 'PUT', headers: { 'if-match': 'yesterday' } });
    expect(garbage.status).toBe(400);

    const ok = await server.send(url, next, { method: 'PUT', headers: { 'if-match': 'W/"1"', 'x-ziping-user': 'li' } });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('etag')).toBe('"2"');
    const saved = await jsonOf(ok);
    expect(saved.version).toBe(2);
    expect(saved.form.project.name).toBe('版本测试（二）');

    const stale = await server.send(url, seedInput(), { method: 'PUT', headers: { 'if-match': '1' } });
    expect(stale.status).toBe(409);
    const conflict = await jsonOf(stale);
    expectErrorShape(conflict, 'version_conflict');
    expect(conflict.error.currentVersion).toBe(2);

    const malformed = await server.send(url, '{', { method: 'PUT', headers: { 'if-match': '"2"' } });
    expect(malformed.status).toBe(400);
    const invalid = seedInput() as Record<string, any>;
    invalid.indicators[2].weight = '五分';
    const unprocessable = await server.send(url, invalid, { method: 'PUT', headers: { 'if-match': '"2"' } });
    expect(unprocessable.status).toBe(422);
    expect((await jsonOf(unprocessable)).error.issues[0].path).toBe('indicators.2.weight');
    expect((await jsonOf(await server.request(url))).version).toBe(2);
  });

  it('lets exactly one of two PUTs with the same If-Match win', async () => {
    const created = await createForm('并发保存');
    const url = `/api/forms/${created.id}`;
    const a = seedInput();
    a.project.name = '甲';
    const b = seedInput();
    b.project.name = '乙';
    const responses = await Promise.all([
      server.send(url, a, { method: 'PUT', headers: { 'if-match': '"1"' } }),
      server.send(url, b, { method: 'PUT', headers: { 'if-match': '"1"' } }),
    ]);
    expect(responses.map((r) => r.status).sort()).toEqual([200, 409]);
    const loser = await jsonOf(responses.find((r) => r.status === 409)!);
    expect(loser.error.currentVersion).toBe(2);
    const winner = await jsonOf(responses.find((r) => r.status === 200)!);
    expect((await jsonOf(await server.request(url))).form.project.name).toBe(winner.form.project.name);
  });

  it('deletes with If-Match: 428 without, 409 when stale, 204 then 404', async () => {
    const created = await createForm('删除测试');
    const url = `/api/forms/${created.id}`;
    expect((await server.request(url, { method: 'DELETE' })).status).toBe(428);
    const stale = await server.request(url, { method: 'DELETE', headers: { 'if-match': '"7"' } });
    expect(stale.status).toBe(409);
    expect((await jsonOf(stale)).error.currentVersion).toBe(1);
    const deleted = await server.request(url, { method: 'DELETE', headers: { 'if-match': '"1"' } });
    expect(deleted.status).toBe(204);
    expect((await server.request(url)).status).toBe(404);
    expect((await server.request(url, { method: 'DELETE', headers: { 'if-match': '"1"' } })).status).toBe(404);
  });

  it('lists summaries with filters and cursor pages; bad parameters are 400', async () => {
    const tag = `列表${Date.now()}`;
    const made: Record<string, any>[] = [];
    for (let i = 0; i < 5; i += 1) {
      const form = seedInput();
      form.project.name = `${tag}-${i}`;
      form.year = i < 2 ? 2021 : 2023;
      if (i === 4) form.project.department = '北京市教育委员会';
      const response = await server.send('/api/forms', form);
      made.push(await jsonOf(response));
    }
    const page1 = await jsonOf(await server.request(`/api/forms?q=${encodeURIComponent(tag)}&limit=2`));
    expect(page1.items.map((s: { projectName: string }) => s.projectName)).toEqual([`${tag}-4`, `${tag}-3`]);
    expect(Object.keys(page1.items[0]).sort()).toEqual([
      'department',
      'grade',
      'id',
      'implementer',
      'openIssues',
      'projectName',
      'reviewStatus',
      'selfTotal',
      'total',
      'updatedAt',
      'version',
      'year',
    ]);
    expect(page1.items[1]).toMatchObject({
      id: made[3]!.id,
      year: 2023,
      total: 87.5,
      selfTotal: 89,
      grade: '良',
      openIssues: 4,
    });
    const page2 = await jsonOf(
      await server.request(`/api/forms?q=${encodeURIComponent(tag)}&limit=2&cursor=${page1.nextCursor}`),
    );
    const page3 = await jsonOf(
      await server.request(`/api/forms?q=${encodeURIComponent(tag)}&limit=2&cursor=${page2.nextCursor}`),
    );
    expect([...page2.items, ...page3.items].map((s: { projectName: string }) => s.projectName)).toEqual([
      `${tag}-2`,
      `${tag}-1`,
      `${tag}-0`,
    ]);
    expect(page3.nextCursor).toBeNull();

    const in2021 = await jsonOf(await server.request(`/api/forms?year=2021&q=${encodeURIComponent(tag)}`));
    expect(in2021.items.map((s: { projectName: string }) => s.projectName)).toEqual([`${tag}-1`, `${tag}-0`]);
    const byDepartment = await jsonOf(
      await server.request(`/api/forms?department=${encodeURIComponent('北京市教育委员会')}`),
    );
    expect(byDepartment.items.map((s: { id: string }) => s.id)).toEqual([made[4]!.id]);

    for (const query of ['limit=0', 'limit=101', 'limit=ten', 'year=22', 'cursor=%%%']) {
      const response = await server.request(`/api/forms?${query}`);
      expect(response.status, query).toBe(400);
      expectErrorShape(await jsonOf(response), 'invalid_request');
    }
  });
});

describe('history and narrative cells', () => {
  it('records every version with who, when and which fields changed, and reads any version', async () => {
    const created = await createForm('历史测试', { headers: { 'x-ziping-user': encodeURIComponent('张三') } });
    const url = `/api/forms/${created.id}`;
    const v2 = seedInput();
    v2.project.name = '历史测试';
    v2.indicators[3]!.actual = '2项';
    v2.selfTotal = 88;
    await server.send(url, { form: v2, author: '李四' }, { method: 'PUT', headers: { 'if-match': '"1"' } });

    const history = await jsonOf(await server.request(`${url}/history`));
    expect(history.id).toBe(created.id);
    expect(history.versions.map((v: Record<string, unknown>) => [v.version, v.by, v.action, v.changes])).toEqual([
      [1, '张三', 'create', []],
      [2, '李四', 'update', ['indicators.3.actual', 'selfTotal']],
    ]);
    expect(Date.parse(history.versions[1].at)).toBeGreaterThanOrEqual(Date.parse(history.versions[0].at));

    const first = await server.request(`${url}/versions/1`);
    expect(first.status).toBe(200);
    expect(first.headers.get('etag')).toBe('"1"');
    const v1 = await jsonOf(first);
    expect(v1.form.indicators[3].actual).toBe(seedInput().indicators[3]!.actual);
    expect(v1.report.total).toBe(87.5);
    expect(v1.by).toBe('张三');
    expect((await server.request(`${url}/versions/3`)).status).toBe(404);
    expect((await server.request(`${url}/versions/zero`)).status).toBe(400);
  });

  it('keeps each narrative text’s origin and marks it stale when its numbers change', async () => {
    const created = await createForm('叙述测试');
    const url = `/api/forms/${created.id}`;
    const drafted = seedInput();
    drafted.project.name = '叙述测试';
    drafted.indicators[5]!.deviation = '学者人数超过上限，系年中新增引进计划所致。';
    const origin = { kind: 'model', drafter: 'openai', model: 'qwen-plus', promptId: 'deviation', promptVersion: 2 };
    const saved = await jsonOf(
      await server.send(
        url,
        { form: drafted, origins: { 'indicators.5.deviation': origin } },
        { method: 'PUT', headers: { 'if-match': '"1"' } },
      ),
    );
    expect(saved.narratives['indicators.5.deviation']).toEqual({
      origin,
      at: saved.updatedAt,
      by: '匿名',
      version: 2,
      stale: false,
    });

    const moved = structuredClone(drafted);
    moved.indicators[5]!.actual = '25人';
    const after = await jsonOf(await server.send(url, moved, { method: 'PUT', headers: { 'if-match': '"2"' } }));
    expect(after.narratives['indicators.5.deviation']).toMatchObject({ origin, version: 2, stale: true });
    expect(after.narratives['indicators.1.deviation']).toMatchObject({ origin: { kind: 'human' }, stale: false });
    expect((await jsonOf(await server.request(url))).narratives['indicators.5.deviation'].stale).toBe(true);

    const cell = await jsonOf(await server.request(`${url}/narratives/indicators.5.deviation/history`));
    expect(cell).toMatchObject({
      id: created.id,
      path: 'indicators.5.deviation',
      version: 3,
      current: { text: drafted.indicators[5]!.deviation },
    });
    expect(cell.entries).toHaveLength(1);
    expect(cell.entries[0]).toMatchObject({
      version: 2,
      text: drafted.indicators[5]!.deviation,
      origin,
      stale: true,
      snapshot: {
        kind: 'deviation',
        index: 5,
        target: '≤10人',
        actual: '20人',
        weight: 3,
        selfScore: 3,
        ruleScore: 1.5,
      },
    });
    const empty = await jsonOf(await server.request(`${url}/narratives/indicators.0.deviation/history`));
    expect(empty.entries).toEqual([]);
    const bad = await server.request(`${url}/narratives/project.name/history`);
    expect(bad.status).toBe(400);
    expectErrorShape(await jsonOf(bad), 'invalid_request');
  });
});

describe('body limit', () => {
  it('answers 413 JSON for a body over 1 MiB, with or without Content-Length', async () => {
    const big = JSON.stringify({ ...seedInput(), padding: 'x'.repeat(1024 * 1024) });
    const sized = await server.send('/api/forms', big);
    expect(sized.status).toBe(413);
    const body = await jsonOf(sized);
    expectErrorShape(body, 'payload_too_large');
    expect(body.error.limitBytes).toBe(1024 * 1024);

    const bytes = new TextEncoder().encode(big);
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < bytes.length; i += 64 * 1024) controller.enqueue(bytes.subarray(i, i + 64 * 1024));
        controller.close();
      },
    });
    const chunked = await server.request('/api/score', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    expect(chunked.status).toBe(413);
    expectErrorShape(await jsonOf(chunked), 'payload_too_large');

    // A body just under the limit still goes through.
    const fits = await server.send('/api/score', JSON.stringify({ ...seedInput(), padding: 'x'.repeat(1000 * 1000) }));
    expect(fits.status).toBe(200);
  });
});

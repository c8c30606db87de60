/**
 * The audit log and the quotas through HTTP (issue #12): the entries each kind of access writes,
 * who may read them, 429 with Retry-After after N drafts, a unit's token budget shared by its users,
 * and the reset after the window. Local actor: the Node server on loopback with its audit file;
 * users: the real app behind tests/support/team-app.ts, with the clock injected.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AppDeps } from '../../src/app/deps.js';
import { createModelDrafter } from '../../src/drafting/model.js';
import { createTextModel } from '../../src/drafting/text-model.js';
import { MemoryAuditLog } from '../../src/store/audit-log.js';
import { AUDIT_FILE } from '../../src/store/audit-log-node.js';
import { MemoryFormRepository } from '../../src/store/memory-repository.js';
import { MemoryQuotaCounters } from '../../src/store/quota-counters.js';
import { type OpenAIServer, startOpenAIServer } from '../support/openai-server.js';
import { TEST_DATABASE_URL } from '../support/postgres.js';
import { seedForm } from '../support/seed.js';
import { jsonOf, startTestServer, type TestServer } from '../support/server.js';
import { teamApp, type TestUser, USERS } from '../support/team-app.js';

/**
 * Every entry the server's audit store holds, one string each, read where the store keeps them (not
 * through the API): the lines of the audit file, or the rows of PostgreSQL's table, every column.
 */
async function storedAuditLines(server: TestServer): Promise<string[]> {
  if (server.schema === null) return (await readFile(join(server.dataDir, AUDIT_FILE), 'utf8')).trim().split('\n');
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  try {
    const { rows } = await client.query(`SELECT * FROM ${server.schema}.ziping_audit_log ORDER BY seq`);
    return rows.map((row) => JSON.stringify(row));
  } finally {
    await client.end();
  }
}

const ENTRY_KEYS = ['action', 'actorName', 'actorRole', 'actorUnit', 'at', 'formId', 'formUnit', 'seq', 'status'];

describe('audit log on the Node server (local actor, audit file)', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ env: { ZIPING_RATE_PER_USER: '3' } });
  });
  afterAll(async () => {
    await server.stop();
  });

  it('records create, read, change, draft, export and delete as 本机, without the form or its text', async () => {
    const created = await server.send('/api/forms', seedForm());
    const { id } = await jsonOf(created);
    const url = `/api/forms/${id}`;
    expect((await server.request(url)).status).toBe(200);
    const changed = seedForm();
    changed.goals!.actual = '秘密的完成情况文字';
    const put = await server.send(url, changed, { method: 'PUT', headers: { 'if-match': '"1"' } });
    expect(put.status).toBe(200);
    expect((await server.send(`${url}/drafts`, { field: 'indicators.5.deviation' })).status).toBe(200);
    expect((await server.request(`${url}/export.xlsx`)).status).toBe(200);
    // The list and the history record no audit action (policy.ts): no entry
    expect((await server.request('/api/forms')).status).toBe(200);
    expect((await server.request(`${url}/history`)).status).toBe(200);
    expect((await server.request('/api/forms/zzzzzzzzzzzzzzzz')).status).toBe(404);
    expect((await server.request(url, { method: 'DELETE', headers: { 'if-match': '"2"' } })).status).toBe(204);

    const res = await server.request(`/api/audit?formId=${id}`);
    expect(res.status).toBe(200);
    const page = await jsonOf(res);
    expect(page.items.map((e: { action: string; status: number }) => `${e.action} ${e.status}`)).toEqual([
      'delete 204',
      'export 200',
      'draft 200',
      'change 200',
      'read 200',
      'create 201',
    ]);
    for (const entry of page.items) {
      expect(Object.keys(entry).sort()).toEqual(ENTRY_KEYS);
      expect(entry).toMatchObject({ actorName: '本机', actorRole: null, actorUnit: null, formId: id, formUnit: null });
    }
    // A refused read is logged too, with its status; the list of forms (no audit action) is not
    const all = await jsonOf(await server.request('/api/audit'));
    expect(all.items.find((e: { status: number }) => e.status === 404)).toMatchObject({
      action: 'read',
      formId: 'zzzzzzzzzzzzzzzz',
    });
    // Everything the log holds, as the store keeps it: the audit file, or PostgreSQL's table (postgres-http)
    const stored = await storedAuditLines(server);
    expect(stored.length).toBe(7);
    // On PostgreSQL the rows themselves, columns the API does not show included
    if (server.schema !== null) expect(stored[0]).toContain('"scope_unit"');
    for (const secret of ['秘密的完成情况文字', '北京智源人工智能研究院建设']) {
      expect(stored.join('\n')).not.toContain(secret);
    }
  });

  it('answers a fourth draft within one window with 429 rate_limited and Retry-After (ZIPING_RATE_PER_USER=3)', async () => {
    const answers: Response[] = [];
    for (let i = 0; i < 7; i++)
      answers.push(await server.send('/api/draft', { form: seedForm(), field: 'goals.actual' }));
    // The real clock's 60-second windows may turn between two drafts: 7 in a row fall in at most two
    // windows, so one of them gets at least 4 and refuses one (4 in a row could split 2 + 2)
    const refused = answers.find((r) => r.status === 429);
    expect(refused).toBeDefined();
    const seconds = Number(refused!.headers.get('retry-after'));
    expect(seconds).toBeGreaterThanOrEqual(1);
    expect(seconds).toBeLessThanOrEqual(60);
    const body = await jsonOf(refused!);
    expect(body.error).toMatchObject({ code: 'rate_limited', scope: 'user', limit: 3, windowSeconds: 60 });
    expect(body.error.retryAfterSeconds).toBe(seconds);
    expect(body.error.message).toMatch(/每人每 60 秒最多 3 次，请于 \d{4}-\d\d-\d\d \d\d:\d\d:\d\d（北京时间）后再试/);
    const audit = await jsonOf(await server.request('/api/audit?limit=7'));
    const refusals = audit.items.filter((e: { status: number }) => e.status === 429);
    expect(refusals.length).toBe(answers.filter((r) => r.status === 429).length);
    expect(refusals[0]).toMatchObject({ action: 'draft', status: 429, formId: null });
  });

  it('refuses a malformed quota variable at start, naming it', async () => {
    await expect(startTestServer({ env: { ZIPING_TOKEN_BUDGET_PER_UNIT: 'lots' } })).rejects.toThrow(
      /ZIPING_TOKEN_BUDGET_PER_UNIT/,
    );
  });
});

/** The app of a team with memory stores, the clock at `clock.now`, and the quota settings given. */
async function teamSetup(
  quotas: NonNullable<AppDeps['config']>['quotas'],
  drafter?: AppDeps['drafter'],
  textModel?: AppDeps['textModel'],
) {
  const clock = { now: new Date('2026-11-30T08:00:20.000Z') };
  const store = new MemoryFormRepository();
  const counters = new MemoryQuotaCounters();
  const team = await teamApp({
    store,
    audit: new MemoryAuditLog(),
    quotaCounters: counters,
    clock: () => clock.now,
    ...(drafter ? { drafter } : {}),
    ...(textModel ? { textModel } : {}),
    config: { quotas },
  });
  const call = (user: TestUser | null, path: string, init: RequestInit = {}) => team.request(user, path, init);
  const send = (user: TestUser | null, path: string, body: unknown, method = 'POST') =>
    call(user, path, { method, body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
  const draft = (user: TestUser) => send(user, '/api/draft', { form: seedForm(), field: 'goals.actual' });
  return { clock, store, counters, userIds: team.userIds, call, send, draft };
}

describe('who may read the audit log', () => {
  let team: Awaited<ReturnType<typeof teamSetup>>;
  let zhangForm = '';
  let zhaoForm = '';
  beforeAll(async () => {
    team = await teamSetup({});
    zhangForm = (await jsonOf(await team.send('zhang', '/api/forms', seedForm()))).id;
    zhaoForm = (await jsonOf(await team.send('zhao', '/api/forms', seedForm()))).id;
    await team.call('zhang', `/api/forms/${zhangForm}`);
    await team.call('zhao', `/api/forms/${zhaoForm}/export.docx`);
  });
  const formsSeen = async (user: TestUser | null, query = '') => {
    const res = await team.call(user, `/api/audit${query}`);
    expect(res.status).toBe(200);
    return (await jsonOf(res)).items.map((e: { formId: string; action: string }) => `${e.formId}:${e.action}`);
  };

  it('names the user, role and unit, and the form with its unit', async () => {
    const page = await jsonOf(await team.call('chen', `/api/audit?formId=${zhangForm}`));
    expect(page.items).toEqual([
      expect.objectContaining({
        actorName: '张填报',
        actorRole: 'filler',
        actorUnit: '某市财政局/某市科委/智源研究院',
        action: 'read',
        formId: zhangForm,
        formUnit: '某市财政局/某市科委/智源研究院',
        status: 200,
        at: '2026-11-30T08:00:20.000Z',
      }),
      expect.objectContaining({ actorName: '张填报', action: 'create', status: 201 }),
    ]);
  });

  it('shows a reviewer the units below theirs and an admin everything below theirs', async () => {
    expect(await formsSeen('wang')).toEqual([`${zhangForm}:read`, `${zhangForm}:create`]);
    expect(await formsSeen('chen')).toEqual([
      `${zhaoForm}:export`,
      `${zhangForm}:read`,
      `${zhaoForm}:create`,
      `${zhangForm}:create`,
    ]);
  });

  it('narrows by unit within the reader’s reach and shows nothing of other units', async () => {
    expect(await formsSeen('chen', `?unit=${encodeURIComponent('某市财政局/某市教委')}`)).toEqual([
      `${zhaoForm}:export`,
      `${zhaoForm}:create`,
    ]);
    expect(await formsSeen('wang', `?unit=${encodeURIComponent('某市财政局/某市教委')}`)).toEqual([]);
    // Asking for a unit above their own gives the reviewer their own reach, no more
    expect(await formsSeen('wang', `?unit=${encodeURIComponent('某市财政局')}`)).toHaveLength(2);
  });

  it('is refused to a filler (403) and to nobody (401)', async () => {
    const res = await team.call('zhang', '/api/audit');
    expect(res.status).toBe(403);
    expect((await jsonOf(res)).error.code).toBe('forbidden');
    expect((await team.call(null, '/api/audit')).status).toBe(401);
  });

  it('pages with a cursor and filters by time', async () => {
    const first = await jsonOf(await team.call('chen', '/api/audit?limit=3'));
    expect(first.items).toHaveLength(3);
    const rest = await jsonOf(await team.call('chen', `/api/audit?limit=3&cursor=${first.nextCursor}`));
    expect(rest.items).toHaveLength(1);
    expect(rest.nextCursor).toBeNull();
    expect(await formsSeen('chen', '?since=2026-11-30T08:00:21Z')).toEqual([]);
    expect(await formsSeen('chen', '?until=2026-11-30T16:00:20%2B08:00')).toHaveLength(4);
    expect((await team.call('chen', '/api/audit?cursor=abc')).status).toBe(400);
  });
});

describe('rate limits of drafting and chat', () => {
  it('answers 429 with Retry-After to the user past N drafts in a window, and again after it', async () => {
    const team = await teamSetup({ ratePerUser: 2, ratePerUnit: 100, rateWindowSeconds: 60 });
    expect((await team.draft('zhang')).status).toBe(200);
    expect((await team.draft('zhang')).status).toBe(200);
    const refused = await team.draft('zhang');
    expect(refused.status).toBe(429);
    // 08:00:20 in a 60-second window: it resets at 08:01:00, 40 seconds later (16:01 in Beijing)
    expect(refused.headers.get('retry-after')).toBe('40');
    const { error } = await jsonOf(refused);
    expect(error).toMatchObject({
      code: 'rate_limited',
      scope: 'user',
      limit: 2,
      resetAt: '2026-11-30T08:01:00.000Z',
      retryAfterSeconds: 40,
    });
    expect(error.message).toContain('2026-11-30 16:01:00（北京时间）');
    // Another user of another unit is not held up; the same user is, until the window turns
    expect((await team.draft('zhao')).status).toBe(200);
    team.clock.now = new Date('2026-11-30T08:00:59.000Z');
    expect((await team.draft('zhang')).status).toBe(429);
    team.clock.now = new Date('2026-11-30T08:01:00.000Z');
    expect((await team.draft('zhang')).status).toBe(200);
  });

  it('counts a unit’s users together, chat turns too, and gives back the user’s count when the unit refuses', async () => {
    const team = await teamSetup({ ratePerUser: 10, ratePerUnit: 3, rateWindowSeconds: 60 });
    const { id } = await jsonOf(await team.send('zhang', '/api/forms', seedForm()));
    expect((await team.draft('zhang')).status).toBe(200);
    expect((await team.draft('li')).status).toBe(200);
    const drafted = await team.send('li', `/api/forms/${id}/drafts`, { field: 'indicators.5.deviation' });
    expect(drafted.status).toBe(200);
    const chat = await team.send('zhang', `/api/forms/${id}/chat`, {
      field: 'indicators.5.deviation',
      currentText: (await jsonOf(drafted)).text,
      message: '更简洁',
    });
    expect(chat.status).toBe(429);
    expect((await jsonOf(chat)).error).toMatchObject({ code: 'rate_limited', scope: 'unit', limit: 3 });
    // 张 has 1 of 10 taken this window: the refused chat took none (its count was given back)
    const user = await team.counters.peek(
      `rate:user:${team.userIds.zhang}`,
      Math.floor(team.clock.now.getTime() / 60_000),
    );
    expect(user).toBe(1);
    expect((await team.draft('zhao')).status).toBe(200);
    // Saving, reading and the audit log are not drafting: no limit applies
    expect((await team.call('zhang', `/api/forms/${id}`)).status).toBe(200);
    team.clock.now = new Date('2026-11-30T08:01:00.000Z');
    expect((await team.draft('li')).status).toBe(200);
  });
});

describe('the daily model-token budget of a unit', () => {
  let model: OpenAIServer;
  beforeEach(async () => {
    model = await startOpenAIServer();
  });
  afterEach(async () => {
    await model.close();
  });
  const modelDrafter = () =>
    createModelDrafter({ model: 'test-model', baseURL: model.baseURL, apiKey: 'test', maxRetries: 0, repair: false });

  it('charges the tokens the model reports to the unit, so its second user is refused until 00:00 Beijing time', async () => {
    const team = await teamSetup({ tokenBudgetPerUnit: 1, ratePerUser: 100, ratePerUnit: 100 }, modelDrafter());
    model.enqueue({ text: '本项目年度绩效目标基本完成。' });
    const first = await team.draft('zhang');
    expect(first.status).toBe(200);
    const { usage } = await jsonOf(first);
    // The loopback model reports 10 prompt tokens and one completion token per character
    expect(usage).toEqual({ promptTokens: 10, completionTokens: 14, totalTokens: 24, estimated: false });

    const refused = await team.draft('li');
    expect(refused.status).toBe(429);
    // 08:00:20 UTC is 16:00:20 in Beijing: the budget day ends at 16:00 UTC, 7h59m40s later
    expect(refused.headers.get('retry-after')).toBe(String(7 * 3600 + 59 * 60 + 40));
    const { error } = await jsonOf(refused);
    expect(error).toMatchObject({
      code: 'budget_exhausted',
      scope: 'unit',
      budget: 1,
      used: 24,
      resetAt: '2026-11-30T16:00:00.000Z',
    });
    expect(error.message).toContain('将于 2026-12-01 00:00:00（北京时间）恢复');
    expect(model.requests).toHaveLength(1);

    // Another unit has its own budget; the next Beijing day starts afresh
    model.enqueue({ text: '学校项目基本完成。' }, { text: '本项目年度绩效目标已完成。' });
    expect((await team.draft('zhao')).status).toBe(200);
    team.clock.now = new Date('2026-11-30T16:00:00.000Z');
    expect((await team.draft('li')).status).toBe(200);
  });

  it('costs nothing with the built-in drafter, which still counts for the rate limit', async () => {
    const team = await teamSetup({ tokenBudgetPerUnit: 1, ratePerUser: 3, ratePerUnit: 100 });
    for (let i = 0; i < 3; i++) expect((await team.draft('zhang')).status).toBe(200);
    expect((await jsonOf(await team.draft('zhang'))).error.code).toBe('rate_limited');
    expect((await team.draft('li')).status).toBe(200);
  });

  it('charges the 自评报告 prose of a .docx export to the unit; past the budget the export keeps the built-in prose', async () => {
    const textModel = createTextModel({ model: 'prose-model', baseURL: model.baseURL, apiKey: 'test', maxRetries: 0 });
    const team = await teamSetup({ tokenBudgetPerUnit: 1, ratePerUser: 100, ratePerUnit: 100 }, undefined, textModel);
    const { id } = await jsonOf(await team.send('zhang', '/api/forms', seedForm()));
    for (let i = 0; i < 10; i++) model.enqueue({ text: '{}' });
    const first = await team.call('zhang', `/api/forms/${id}/export.docx`);
    expect(first.status).toBe(200);
    const calls = model.requests.length;
    expect(calls).toBeGreaterThan(0);
    const day = Math.floor((team.clock.now.getTime() + 8 * 3600_000) / 86_400_000);
    const used = await team.counters.peek(`budget:unit:${USERS.zhang.unit}`, day);
    expect(used).toBeGreaterThan(1);

    // 李 is of the same unit: the budget is spent, so no model call, and the file still comes
    const second = await team.call('li', `/api/forms/${id}/export.docx`);
    expect(second.status).toBe(200);
    expect(model.requests.length).toBe(calls);
    expect(second.headers.get('x-ziping-report-prose')).toContain('fallback=');
  });
});

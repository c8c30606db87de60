/**
 * The audit log and quota counters on D1 inside workerd: the shared contract, then the app built
 * on D1 (the real factory, the actor from tests/support/team-app.ts, the clock injected): audit
 * entries and who reads them, 429 with Retry-After, and the count shared by two app instances
 * (two Workers isolates on one database).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { D1AuditLog } from '../../src/store/d1-audit-log.js';
import { D1QuotaCounters } from '../../src/store/d1-quota-counters.js';
import { D1FormRepository } from '../../src/store/d1-repository.js';
import type { D1Database } from '../../src/store/d1-types.js';
import { describeAuditContract } from '../store/audit-contract.js';
import { seedForm } from '../support/seed-forms.js';
import { createTeam, type Team, teamApp, type TestUser } from '../support/team-app.js';
import { freshD1, resetD1 } from './d1.js';

describeAuditContract('D1 (workerd)', async () => {
  const db = await freshD1();
  return { audit: new D1AuditLog(db), counters: new D1QuotaCounters(db), dispose: resetD1 };
});

/** An app on `db` as one Worker isolate builds it, with the clock at `clock.now`. */
async function workerTeam(db: D1Database, clock: { now: Date }, people?: Team) {
  const team = await teamApp(
    {
      store: new D1FormRepository(db),
      audit: new D1AuditLog(db),
      quotaCounters: new D1QuotaCounters(db),
      clock: () => clock.now,
      config: { quotas: { ratePerUser: 2, ratePerUnit: 3, rateWindowSeconds: 60 } },
    },
    people,
  );
  return (user: TestUser, path: string, body?: unknown) =>
    team.request(user, path, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { 'x-test-user': user, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
}

describe('audit and quotas of the app on D1', () => {
  afterEach(resetD1);

  it('logs a create and a read with user and unit, shown to the reviewer above and not to another unit', async () => {
    const db = await freshD1();
    const call = await workerTeam(db, { now: new Date('2026-11-30T08:00:20.000Z') });
    const created = await call('zhang', '/api/forms', seedForm());
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    expect((await call('zhang', `/api/forms/${id}`)).status).toBe(200);
    const seen = (await (await call('wang', '/api/audit')).json()) as { items: Record<string, unknown>[] };
    expect(seen.items.map((e) => [e.action, e.actorName, e.formId, e.status])).toEqual([
      ['read', '张填报', id, 200],
      ['create', '张填报', id, 201],
    ]);
    const other = (await (await call('chen', '/api/audit?unit=某市财政局/某市教委')).json()) as { items: unknown[] };
    expect(other.items).toEqual([]);
    expect((await call('zhang', '/api/audit')).status).toBe(403);
  });

  it('counts drafts of one unit across two isolates on one database: 429 with Retry-After, then the next window', async () => {
    const db = await freshD1();
    const clock = { now: new Date('2026-11-30T08:00:20.000Z') };
    // The users are the same in both isolates (their accounts live with the forms in a deployment)
    const people = await createTeam();
    const [first, second] = [await workerTeam(db, clock, people), await workerTeam(db, clock, people)];
    const draft = (call: typeof first, user: TestUser) =>
      call(user, '/api/draft', { form: seedForm(), field: 'goals.actual' });
    expect((await draft(first, 'zhang')).status).toBe(200);
    expect((await draft(second, 'zhang')).status).toBe(200);
    const userRefused = await draft(first, 'zhang');
    expect(userRefused.status).toBe(429);
    expect(userRefused.headers.get('retry-after')).toBe('40');
    expect((await draft(second, 'li')).status).toBe(200);
    const unitRefused = await draft(first, 'li');
    expect(unitRefused.status).toBe(429);
    const { error } = (await unitRefused.json()) as { error: Record<string, unknown> };
    expect(error).toMatchObject({ code: 'rate_limited', scope: 'unit', limit: 3, resetAt: '2026-11-30T08:01:00.000Z' });
    clock.now = new Date('2026-11-30T08:01:00.000Z');
    expect((await draft(second, 'li')).status).toBe(200);
  });
});

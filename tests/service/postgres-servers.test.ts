/**
 * Two Node servers sharing one PostgreSQL database, as behind a load balancer: a form saved on one
 * is read on the other, a stale save on either is a 409 naming the current version, and of two
 * simultaneous saves of one version (one per server) exactly one wins.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startNodeServer, type RunningServer } from '../../src/entry/node.js';
import { seedInput } from '../support/seed-forms.js';
import { describeWithPostgres, dropSchema, freshSchemaName, TEST_DATABASE_URL } from '../support/postgres.js';

function put(server: RunningServer, id: string, version: number, name: string): Promise<Response> {
  const form = seedInput();
  form.project.name = name;
  return fetch(`${server.url}/api/forms/${id}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', 'if-match': `"${version}"` },
    body: JSON.stringify(form),
  });
}

describeWithPostgres('two Node servers on one PostgreSQL database', () => {
  const schema = freshSchemaName();
  let a: RunningServer;
  let b: RunningServer;
  beforeAll(async () => {
    const start = (): Promise<RunningServer> =>
      startNodeServer({
        host: '127.0.0.1',
        port: 0,
        handleSignals: false,
        log: () => undefined,
        webAssets: null,
        env: { ZIPING_DATABASE_URL: TEST_DATABASE_URL, ZIPING_DATABASE_SCHEMA: schema },
      });
    [a, b] = await Promise.all([start(), start()]);
  });
  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()]);
    await dropSchema(schema);
  });

  it('report PostgreSQL in health, without the password', async () => {
    for (const server of [a, b]) {
      const response = await fetch(`${server.url}/api/health`);
      expect(response.status).toBe(200);
      const text = await response.text();
      expect(JSON.parse(text)).toEqual({ ok: true, store: { kind: 'postgres', ok: true, quarantined: [] } });
      expect(text).not.toContain(new URL(TEST_DATABASE_URL).password);
    }
    expect(a.database).toContain('@127.0.0.1');
    expect(a.database).not.toContain(new URL(TEST_DATABASE_URL).password);
  });

  it('serve one set of forms; a stale save on the other server is a 409', async () => {
    const created = await fetch(`${a.url}/api/forms`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(seedInput()),
    });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    expect(
      ((await (await fetch(`${b.url}/api/forms?limit=100`)).json()) as { items: { id: string }[] }).items.map(
        (i) => i.id,
      ),
    ).toContain(id);

    expect((await put(b, id, 1, '在乙服务器上保存')).status).toBe(200);
    const stale = await put(a, id, 1, '甲服务器上的旧版本');
    expect(stale.status).toBe(409);
    const body = (await stale.json()) as { error: { code: string; details?: { currentVersion?: number } } };
    expect(body.error.code).toBe('version_conflict');
    const current = (await (await fetch(`${a.url}/api/forms/${id}`)).json()) as {
      version: number;
      form: { project: { name: string } };
    };
    expect(current.version).toBe(2);
    expect(current.form.project.name).toBe('在乙服务器上保存');

    const race = await Promise.all([put(a, id, 2, '甲'), put(b, id, 2, '乙')]);
    expect(race.map((r) => r.status).sort()).toEqual([200, 409]);
    const history = (await (await fetch(`${b.url}/api/forms/${id}/history`)).json()) as {
      versions: { version: number }[];
    };
    expect(history.versions.map((v) => v.version)).toEqual([1, 2, 3]);
  });
});

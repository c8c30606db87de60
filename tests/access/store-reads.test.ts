/**
 * Each form route reads the form from the store once (issue #9): with accounts on, the access
 * check reads the form to check the caller's unit and hands that record to the route, which does
 * not read it again. Counted on real stores (memory and lowdb), through a wrapper that passes
 * every call on.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app/create-app.js';
import { LowdbFormRepository } from '../../src/store/lowdb-repository.js';
import { MemoryFormRepository } from '../../src/store/memory-repository.js';
import type { FormRepository } from '../../src/store/repository.js';
import { countingRepository } from '../support/counting-repository.js';
import { seedInput } from '../support/seed-forms.js';
import { teamApp } from '../support/team-app.js';
import { makeTempDir, removeDir } from '../support/temp-dir.js';

const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await removeDir(dir);
});

const STORES: [string, () => Promise<FormRepository>][] = [
  ['memory', async () => new MemoryFormRepository()],
  [
    'lowdb',
    async () => {
      const dir = await makeTempDir('ziping-reads-');
      dirs.push(dir);
      return LowdbFormRepository.open(dir);
    },
  ],
];

/** Form routes whose handler needs the current record, what each answers the first and second time, and a body. */
const ROUTES: [string, string, [number, number], string?][] = [
  ['GET', '/api/forms/:id', [200, 200]],
  ['GET', '/api/forms/:id/review', [200, 200]],
  ['GET', '/api/forms/:id/narratives/goals.actual/history', [200, 200]],
  ['GET', '/api/forms/:id/export.xlsx', [200, 200]],
  // A second submit is refused by the review workflow: the read count is the same
  ['POST', '/api/forms/:id/submit', [200, 409]],
  ['POST', '/api/forms/:id/drafts', [200, 200], '{"field":"goals.actual"}'],
  ['POST', '/api/forms/:id/chat', [200, 200], '{"field":"goals.actual","message":"请写得更简洁"}'],
  ['GET', '/api/forms/:id/chat?field=goals.actual', [200, 200]],
  ['DELETE', '/api/forms/:id/chat?field=goals.actual', [204, 204]],
];

const body = (method: string, text = '{}'): RequestInit =>
  method === 'POST' ? { method, headers: { 'content-type': 'application/json' }, body: text } : { method };

/** A local app (no accounts) over a counted store, with the seed form saved in it. */
async function localAppWithForm(open: () => Promise<FormRepository>) {
  const counted = countingRepository(await open());
  const app = createApp({ store: counted.store });
  const created = await app.request('http://localhost/api/forms', {
    ...body('POST'),
    body: JSON.stringify(seedInput()),
  });
  const { id } = (await created.json()) as { id: string };
  return { counted, app, id };
}

describe.each(STORES)('store reads per request (%s store)', (_name, open) => {
  it.each(ROUTES)('%s %s reads the form once with accounts on', async (method, route, statuses, text) => {
    const counted = countingRepository(await open());
    const team = await teamApp({ store: counted.store });
    const created = await team.request('zhang', '/api/forms', { ...body('POST'), body: JSON.stringify(seedInput()) });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    for (const round of [1, 2]) {
      counted.reset();
      const response = await team.request('zhang', route.replace(':id', id), body(method, text));
      await response.arrayBuffer();
      expect([round, response.status]).toEqual([round, statuses[round - 1]]);
      expect([round, counted.calls.get]).toEqual([round, 1]);
    }
    await counted.store.close();
  });

  it('a form route without accounts reads the form once too', async () => {
    const { counted, app, id } = await localAppWithForm(open);
    counted.reset();
    const response = await app.request(`http://localhost/api/forms/${id}`);
    expect(response.status).toBe(200);
    expect(counted.calls.get).toBe(1);
    await counted.store.close();
  });

  it('a cached view is sent again without reading the history, the same bytes; 304 when current', async () => {
    const { counted, app, id } = await localAppWithForm(open);
    const first = await (await app.request(`http://localhost/api/forms/${id}`)).text();
    counted.reset();
    const again = await app.request(`http://localhost/api/forms/${id}`);
    expect([again.status, again.headers.get('etag'), await again.text()]).toEqual([200, '"1"', first]);
    const current = await app.request(`http://localhost/api/forms/${id}`, { headers: { 'if-none-match': '"1"' } });
    expect([current.status, await current.text()]).toEqual([304, '']);
    expect(counted.calls).toEqual({ get: 2 });
    await counted.store.close();
  });

  it('a reader of another unit is refused after that one read, before the route runs', async () => {
    const counted = countingRepository(await open());
    const team = await teamApp({ store: counted.store });
    const created = await team.request('zhang', '/api/forms', { ...body('POST'), body: JSON.stringify(seedInput()) });
    const { id } = (await created.json()) as { id: string };
    counted.reset();
    const response = await team.request('zhao', `/api/forms/${id}`);
    expect(response.status).toBe(404);
    expect(counted.calls).toEqual({ get: 1 });
  });
});

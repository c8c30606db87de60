/**
 * Many saves at once over HTTP: 200 concurrent POSTs of different forms all land, are all listed,
 * and are all on disk after a restart.
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { seedInput } from '../support/seed-forms.js';
import { jsonOf, startTestServer, type TestServer } from '../support/server.js';
import { makeTempDir, removeDir } from '../support/temp-dir.js';

async function listAll(server: TestServer): Promise<string[]> {
  const ids: string[] = [];
  let cursor = '';
  do {
    const page = await jsonOf(await server.request(`/api/forms?limit=100${cursor ? `&cursor=${cursor}` : ''}`));
    ids.push(...page.items.map((s: { id: string }) => s.id));
    cursor = page.nextCursor ?? '';
  } while (cursor);
  return ids;
}

describe('concurrent saves', () => {
  let dir = '';
  afterEach(async () => {
    if (dir) await removeDir(dir);
  });

  it('stores 200 concurrent POSTs of different forms, lists them all and keeps them across a restart', async () => {
    dir = await makeTempDir('ziping-concurrency-');
    const first = await startTestServer({ dataDir: dir });
    // Each body is read as it arrives: a response left unread longer than the server's keep-alive
    // timeout (5 s) can be cut when the server closes the idle connection, as with any HTTP client.
    const responses = await Promise.all(
      Array.from({ length: 200 }, async (_, i) => {
        const form = seedInput();
        form.project.name = `并发项目${i}`;
        const response = await first.send('/api/forms', form);
        return { status: response.status, body: await jsonOf(response) };
      }),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(200).fill(201));
    const created = responses.map((r) => r.body);
    const ids = created.map((c) => c.id as string).sort();
    expect(new Set(ids).size).toBe(200);
    expect((await listAll(first)).sort()).toEqual(ids);
    await first.stop();

    expect((await readdir(join(dir, 'forms'))).sort()).toEqual(ids.map((id) => `${id}.json`));
    const second = await startTestServer({ dataDir: dir });
    expect((await listAll(second)).sort()).toEqual(ids);
    const one = await jsonOf(await second.request(`/api/forms/${created[123]!.id}`));
    expect(one.form.project.name).toBe('并发项目123');
    await second.stop();
  });
});

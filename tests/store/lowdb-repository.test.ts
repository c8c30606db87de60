/**
 * The lowdb store on real files: the shared behaviours, then what only a file store has:
 * restarts, the directory lock, corrupt files, crash leftovers and the document cache.
 */
import { spawnSync } from 'node:child_process';
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LowdbFormRepository } from '../../src/store/lowdb-repository.js';
import { saveInputFor, seedForm } from '../support/seed-forms.js';
import { makeTempDir, removeDir } from '../support/temp-dir.js';
import { describeRepositoryContract, expectZipingError } from './repository-contract.js';

describeRepositoryContract('lowdb store', async () => {
  const dir = await makeTempDir();
  const store = await LowdbFormRepository.open(dir);
  return {
    store,
    async dispose() {
      await store.close();
      await removeDir(dir);
    },
  };
});

describe('lowdb store on disk', () => {
  let dir: string;
  const open: LowdbFormRepository[] = [];
  const openStore = async (options?: { cacheSize?: number }): Promise<LowdbFormRepository> => {
    const store = await LowdbFormRepository.open(dir, options);
    open.push(store);
    return store;
  };
  beforeEach(async () => {
    dir = await makeTempDir();
  });
  afterEach(async () => {
    await Promise.all(open.splice(0).map((s) => s.close()));
    await removeDir(dir);
  });

  it('writes one readable JSON file per form and reads everything back after a restart', async () => {
    const first = await openStore();
    const created = await first.create(saveInputFor(seedForm(), { by: '张三' }));
    const edited = seedForm({ name: '重启之后' });
    edited.indicators[5]!.deviation = '学者人数超出上限的原因……';
    await first.update(created.id, 1, saveInputFor(edited, { by: '李四', origins: { 'indicators.5.deviation': { kind: 'builtin', drafter: 'template' } } }));
    await first.appendChat(created.id, 'indicators.5.deviation', [{ role: 'user', content: '再具体些' }]);
    await first.close();

    expect(await readdir(join(dir, 'forms'))).toEqual([`${created.id}.json`]);
    const onDisk = JSON.parse(await readFile(join(dir, 'forms', `${created.id}.json`), 'utf8'));
    expect(onDisk.format).toBe(1);
    expect(onDisk.record.version).toBe(2);
    expect(onDisk.versions.map((v: { version: number }) => v.version)).toEqual([1, 2]);
    await expect(stat(join(dir, '.lock'))).rejects.toThrow();

    const second = await openStore();
    const record = await second.get(created.id);
    expect(record.version).toBe(2);
    expect(record.form.project.name).toBe('重启之后');
    expect((await second.history(created.id)).map((h) => [h.version, h.by])).toEqual([[1, '张三'], [2, '李四']]);
    expect((await second.narratives(created.id))['indicators.5.deviation']![0]!.origin).toEqual({ kind: 'builtin', drafter: 'template' });
    expect(await second.getChat(created.id, 'indicators.5.deviation')).toEqual([{ role: 'user', content: '再具体些' }]);
    expect((await second.list()).items.map((s) => s.id)).toEqual([created.id]);
    await expectZipingError(second.update(created.id, 1, saveInputFor(seedForm())), 'version_conflict');
  });

  it('refuses a second store on a directory that is in use, naming it and the holder', async () => {
    await openStore();
    const error = await expectZipingError(LowdbFormRepository.open(dir), 'store_locked');
    expect(error.message).toContain(dir);
    expect(error.message).toContain(String(process.pid));
    expect(error.details).toMatchObject({ pid: process.pid, lockFile: join(dir, '.lock') });
  });

  it('takes over the lock of a process that is gone', async () => {
    const gone = spawnSync(process.execPath, ['-e', 'process.exit(0)']).pid!;
    await writeFile(join(dir, '.lock'), JSON.stringify({ pid: gone, host: '', token: 'old', since: '2024-01-01T00:00:00Z' }));
    const store = await openStore();
    expect(JSON.parse(await readFile(join(dir, '.lock'), 'utf8')).pid).toBe(process.pid);
    await store.close();
    await expect(stat(join(dir, '.lock'))).rejects.toThrow();
  });

  it('reports a file that is not JSON by path, leaves it unchanged and releases the lock', async () => {
    const store = await openStore();
    const created = await store.create(saveInputFor(seedForm()));
    await store.close();
    const file = join(dir, 'forms', `${created.id}.json`);
    const broken = (await readFile(file, 'utf8')).slice(0, 300);
    await writeFile(file, broken);

    const error = await expectZipingError(LowdbFormRepository.open(dir), 'store_corrupt');
    expect(error.message).toContain(file);
    expect(error.message).toContain('不是有效的 JSON');
    expect(error.details).toMatchObject({ file });
    expect(await readFile(file, 'utf8')).toBe(broken);
    await expect(stat(join(dir, '.lock'))).rejects.toThrow();
  });

  it('reports a hand-edited file that breaks the form rules, naming the field', async () => {
    const store = await openStore();
    const created = await store.create(saveInputFor(seedForm()));
    await store.close();
    const file = join(dir, 'forms', `${created.id}.json`);
    const text = (await readFile(file, 'utf8')).replace('"weight": 5,', '"weight": -5,');
    await writeFile(file, text);

    const error = await expectZipingError(LowdbFormRepository.open(dir), 'store_corrupt');
    expect(error.message).toContain(file);
    expect(error.message).toContain('record.form.indicators.0.weight');
    expect(error.message).toContain('分值');
    expect(await readFile(file, 'utf8')).toBe(text);
  });

  it('reports a file whose record belongs to another id', async () => {
    const store = await openStore();
    const created = await store.create(saveInputFor(seedForm()));
    await store.close();
    const file = join(dir, 'forms', `${created.id}.json`);
    const moved = join(dir, 'forms', '0123456789abcdef.json');
    await writeFile(moved, await readFile(file));
    const error = await expectZipingError(LowdbFormRepository.open(dir), 'store_corrupt');
    expect(error.message).toContain(moved);
    expect(error.message).toContain('不一致');
  });

  it('removes the temp file of a write cut short and keeps the last complete one', async () => {
    const store = await openStore();
    const created = await store.create(saveInputFor(seedForm()));
    await store.close();
    const temp = join(dir, 'forms', `.${created.id}.json.tmp`);
    await writeFile(temp, '{"format":1,"rec');
    const reopened = await openStore();
    expect((await reopened.get(created.id)).version).toBe(1);
    expect(await readdir(join(dir, 'forms'))).toEqual([`${created.id}.json`]);
  });

  it('serves forms beyond its cache from disk, including saves and conflicts', async () => {
    const store = await openStore({ cacheSize: 2 });
    const ids: string[] = [];
    for (let i = 0; i < 6; i += 1) ids.push((await store.create(saveInputFor(seedForm({ name: `缓存项目${i}` })))).id);
    for (const [i, id] of ids.entries()) expect((await store.get(id)).form.project.name).toBe(`缓存项目${i}`);
    const results = await Promise.allSettled(ids.flatMap((id) => [
      store.update(id, 1, saveInputFor(seedForm({ name: `${id}-甲` }))),
      store.update(id, 1, saveInputFor(seedForm({ name: `${id}-乙` }))),
    ]));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(6);
    await store.close();

    const reopened = await openStore({ cacheSize: 1 });
    for (const id of ids) expect((await reopened.get(id)).version).toBe(2);
  });
});

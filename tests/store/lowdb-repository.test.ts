/**
 * The lowdb store on real files: the shared behaviours, then what only a file store has:
 * restarts, the directory lock, corrupt files, crash leftovers and the document cache.
 */
import { spawnSync } from 'node:child_process';
import { mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { newDocument, updatedDocument } from '../../src/store/form-document.js';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LowdbFormRepository } from '../../src/store/lowdb-repository.js';
import { saveInputFor, seedForm } from '../support/seed-forms.js';
import { makeTempDir, removeDir } from '../support/temp-dir.js';
import {
  describeRepositoryContract,
  expectZipingError,
  HISTORY_SAVES,
  KEPT_VERSIONS,
  repeatedText,
  saveCellRepeatedly,
} from './repository-contract.js';

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

  it('writes a head file and a history log per form and reads everything back after a restart', async () => {
    const first = await openStore();
    const created = await first.create(saveInputFor(seedForm(), { by: '张三' }));
    const edited = seedForm({ name: '重启之后' });
    edited.indicators[5]!.deviation = '学者人数超出上限的原因……';
    await first.update(
      created.id,
      1,
      saveInputFor(edited, {
        by: '李四',
        origins: { 'indicators.5.deviation': { kind: 'builtin', drafter: 'template' } },
      }),
    );
    await first.appendChat(created.id, 'indicators.5.deviation', [{ role: 'user', content: '再具体些' }]);
    await first.close();

    expect(await readdir(join(dir, 'forms'))).toEqual([`${created.id}.json`]);
    const onDisk = JSON.parse(await readFile(join(dir, 'forms', `${created.id}.json`), 'utf8'));
    expect(onDisk.format).toBe(2);
    expect(onDisk.record.version).toBe(2);
    expect(onDisk.versions).toBeUndefined();
    const log = (await readFile(join(dir, 'history', `${created.id}.jsonl`), 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(log.map((l: { version: number }) => l.version)).toEqual([1, 2]);
    // Version 2's line holds only the way back to version 1: the two changed cells, not a whole form.
    expect(log[1].back.map((op: { p: unknown[] }) => op.p.join('.'))).toEqual([
      'project.name',
      'indicators.5.deviation',
    ]);
    expect(log[1].back[0].v).toBe('北京智源人工智能研究院建设');
    await expect(stat(join(dir, '.lock'))).rejects.toThrow();

    const second = await openStore();
    const record = await second.get(created.id);
    expect(record.version).toBe(2);
    expect(record.form.project.name).toBe('重启之后');
    expect((await second.history(created.id)).map((h) => [h.version, h.by])).toEqual([
      [1, '张三'],
      [2, '李四'],
    ]);
    expect((await second.getVersion(created.id, 1)).form).toEqual(seedForm());
    expect((await second.narratives(created.id))['indicators.5.deviation']![0]!.origin).toEqual({
      kind: 'builtin',
      drafter: 'template',
    });
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
    await writeFile(
      join(dir, '.lock'),
      JSON.stringify({ pid: gone, host: '', token: 'old', since: '2024-01-01T00:00:00Z' }),
    );
    const store = await openStore();
    expect(JSON.parse(await readFile(join(dir, '.lock'), 'utf8')).pid).toBe(process.pid);
    await store.close();
    await expect(stat(join(dir, '.lock'))).rejects.toThrow();
  });

  /** Three good forms and, beside them, `bad` written by `write`; returns the good ids and the bad path. */
  async function storeWithBadFile(
    write: (goodFile: string, goodText: string) => Promise<string>,
  ): Promise<{ good: string[]; bad: string; bytes: Buffer }> {
    const store = await openStore();
    const good: string[] = [];
    for (const name of ['甲项目', '乙项目', '丙项目'])
      good.push((await store.create(saveInputFor(seedForm({ name })))).id);
    const victim = await store.create(saveInputFor(seedForm({ name: '坏文件' })));
    await store.close();
    open.splice(0);
    const victimFile = join(dir, 'forms', `${victim.id}.json`);
    const bad = await write(victimFile, await readFile(victimFile, 'utf8'));
    if (bad !== victimFile) await rm(victimFile);
    return { good, bad, bytes: await readFile(bad) };
  }

  /** Writes `text` over `file` and names the file written. */
  const overwrite = async (file: string, text: string) => {
    await writeFile(file, text);
    return file;
  };
  const badFiles: [string, (file: string, text: string) => Promise<string>, string][] = [
    ['a truncated file', (file, text) => overwrite(file, text.slice(0, 300)), '不是有效的 JSON'],
    ['an empty file', (file) => overwrite(file, ''), '文件是空的'],
    [
      'a hand edit that breaks a form rule',
      (file, text) => overwrite(file, text.replace('"weight": 5,', '"weight": -5,')),
      'record.form.indicators.0.weight',
    ],
    ['JSON of the wrong shape', (file) => overwrite(file, '{"format":2,"hello":"world"}'), '内容不符合存储格式'],
    [
      'a record under another id',
      async (file, text) => {
        const moved = join(dir, 'forms', '0123456789abcdef.json');
        await writeFile(moved, text);
        await writeFile(file, text);
        return moved;
      },
      '不一致',
    ],
    [
      'a stray JSON file',
      async (file) => {
        const stray = join(dir, 'forms', 'notes (copy).json');
        await writeFile(stray, '{"todo":"备份"}');
        await writeFile(file, await readFile(file));
        return stray;
      },
      '文件名不是表单编号',
    ],
  ];

  it.each(badFiles)(
    'quarantines %s byte for byte, serves every other form and lists it in health',
    async (_name, write, reason) => {
      const { good, bad, bytes } = await storeWithBadFile(write);
      const seen: string[] = [];
      const store = await LowdbFormRepository.open(dir, { onQuarantine: (q) => seen.push(q.file) });
      open.push(store);

      const badName = bad.slice(join(dir, 'forms').length + 1);
      expect(seen).toEqual([`forms/${badName}`]);
      await expect(stat(bad)).rejects.toThrow();
      const health = await store.health();
      expect(health.kind).toBe('lowdb');
      expect(health.ok).toBe(true);
      const entry = health.quarantined.find((q) => q.file.startsWith('forms/'));
      // A form's history log goes with its head, named as such
      expect(
        health.quarantined
          .filter((q) => q !== entry)
          .every((q) => q.file.startsWith('history/') && q.reason.includes(entry!.movedTo)),
      ).toBe(true);
      expect(entry!.file).toBe(`forms/${badName}`);
      expect(entry!.movedTo).toMatch(/^quarantine\/\d{4}-\d{2}-\d{2}T[\d-]{8}\.\d{3}Z-/);
      expect(entry!.reason).toContain(reason);
      expect(await readFile(join(dir, entry!.movedTo))).toEqual(bytes);

      for (const id of good) expect((await store.get(id)).version).toBe(1);
      const listed = (await store.list()).items.map((s) => s.projectName).sort();
      expect(listed).toEqual(['丙项目', '乙项目', '甲项目']);
    },
  );

  it('checks an indexed file only when it is first read, and quarantines it then', async () => {
    const store = await openStore();
    const kept = await store.create(saveInputFor(seedForm({ name: '好项目' })));
    const spoiled = await store.create(saveInputFor(seedForm({ name: '后来坏掉' })));
    await store.close();
    open.splice(0);
    const index = JSON.parse(await readFile(join(dir, 'index.json'), 'utf8'));
    expect(Object.keys(index.forms).sort()).toEqual([kept.id, spoiled.id].sort());

    // Broken after the index was written, with the index told its new size and mtime: the index
    // vouches for the file, so the start does not parse it.
    const file = join(dir, 'forms', `${spoiled.id}.json`);
    await writeFile(file, `#${(await readFile(file, 'utf8')).slice(1)}`);
    const after = await stat(file);
    index.forms[spoiled.id] = { ...index.forms[spoiled.id], size: after.size, mtimeMs: after.mtimeMs };
    await writeFile(join(dir, 'index.json'), JSON.stringify(index));

    const reopened = await openStore();
    expect((await reopened.health()).quarantined).toEqual([]);
    expect((await reopened.list()).items.map((s) => s.projectName).sort()).toEqual(['后来坏掉', '好项目']);
    const error = await expectZipingError(reopened.get(spoiled.id), 'store_corrupt');
    expect(error.message).toContain('quarantine/');
    expect((await reopened.health()).quarantined.map((q) => q.file).sort()).toEqual([
      `forms/${spoiled.id}.json`,
      `history/${spoiled.id}.jsonl`,
    ]);
    await expectZipingError(reopened.get(spoiled.id), 'not_found');
    expect((await reopened.list()).items.map((s) => s.projectName)).toEqual(['好项目']);
    expect((await reopened.get(kept.id)).form.project.name).toBe('好项目');
  });

  it.each([
    ['torn', '{"format":1,"forms":{"'],
    ['of another shape', '{"format":1,"forms":{"0123456789abcdef":{"size":"big"}}}'],
    ['empty', ''],
  ])('rebuilds an index.json that is %s from the files', async (_name, text) => {
    const store = await openStore();
    const created = await store.create(saveInputFor(seedForm({ name: '索引重建' })));
    await store.close();
    open.splice(0);
    await writeFile(join(dir, 'index.json'), text);
    const reopened = await openStore();
    expect((await reopened.list()).items.map((s) => [s.id, s.projectName])).toEqual([[created.id, '索引重建']]);
    expect((await reopened.health()).quarantined).toEqual([]);
    expect(Object.keys(JSON.parse(await readFile(join(dir, 'index.json'), 'utf8')).forms)).toEqual([created.id]);
  });

  it('re-reads a file whose size or mtime no longer matches the index', async () => {
    const store = await openStore();
    const created = await store.create(saveInputFor(seedForm({ name: '原名' })));
    await store.close();
    open.splice(0);
    const file = join(dir, 'forms', `${created.id}.json`);
    await writeFile(file, (await readFile(file, 'utf8')).replace('"name": "原名"', '"name": "手工改过的名字"'));
    const reopened = await openStore();
    expect((await reopened.list()).items[0]!.projectName).toBe('手工改过的名字');
  });

  it('stores history as changes: 60 saves of a large form cost what changed, and every version comes back whole', async () => {
    const store = await openStore();
    const big = seedForm();
    // Long narratives in every cell (kept under any per-cell limit): the form is about 100 KB
    big.goals = { ...big.goals, actual: '年度总体目标完成情况：'.repeat(300) };
    for (const row of big.indicators) row.deviation = '偏差原因分析及改进措施。'.repeat(120);
    const created = await store.create(saveInputFor(big));
    const saved = [structuredClone(big)];
    for (let v = 1; v < 60; v += 1) {
      const next = structuredClone(saved[saved.length - 1]!);
      next.indicators[v % next.indicators.length]!.actual = `第${v}次修改后的实际完成值`;
      if (v % 20 === 0) next.indicators.pop(); // rows removed now and then
      await store.update(created.id, v, saveInputFor(next));
      saved.push(next);
    }
    const formBytes = Buffer.byteLength(JSON.stringify(big));
    const onDisk =
      (await stat(join(dir, 'forms', `${created.id}.json`))).size +
      (await stat(join(dir, 'history', `${created.id}.jsonl`))).size;
    // A copy per version would be 60 × the form; head (one form, pretty-printed) plus the log stays near 2×.
    expect(onDisk).toBeLessThan(3 * formBytes);
    await store.close();
    open.splice(0);
    const reopened = await openStore();
    for (const v of [1, 2, 20, 21, 41, 59, 60])
      expect((await reopened.getVersion(created.id, v)).form, `version ${v}`).toEqual(saved[v - 1]);
  });

  it('loads a format-1 file (a copy per version) and moves its history to a log on the next save', async () => {
    const v1 = newDocument('0123456789abcdef', saveInputFor(seedForm({ name: '旧格式' }), { by: '甲' }));
    const v2 = updatedDocument(v1, 1, saveInputFor(seedForm({ name: '旧格式改' }), { by: '乙' }));
    await mkdir(join(dir, 'forms'), { recursive: true });
    await writeFile(join(dir, 'forms', '0123456789abcdef.json'), JSON.stringify(v2, null, 2));
    const store = await openStore();
    expect((await store.history('0123456789abcdef')).map((h) => h.by)).toEqual(['甲', '乙']);
    expect((await store.getVersion('0123456789abcdef', 1)).form.project.name).toBe('旧格式');
    await store.update('0123456789abcdef', 2, saveInputFor(seedForm({ name: '新格式' }), { by: '丙' }));
    await store.close();
    open.splice(0);

    expect(JSON.parse(await readFile(join(dir, 'forms', '0123456789abcdef.json'), 'utf8')).format).toBe(2);
    const reopened = await openStore();
    expect((await reopened.history('0123456789abcdef')).map((h) => h.by)).toEqual(['甲', '乙', '丙']);
    expect((await reopened.getVersion('0123456789abcdef', 1)).form.project.name).toBe('旧格式');
    expect((await reopened.getVersion('0123456789abcdef', 2)).form.project.name).toBe('旧格式改');
  });

  it('writes a cell’s newest entries (the limit) to its file, and cuts a longer one written before it', async () => {
    const store = await openStore();
    const id = await saveCellRepeatedly(store, HISTORY_SAVES);
    await store.close();
    open.splice(0);
    const file = join(dir, 'forms', `${id}.json`);
    const onDisk = JSON.parse(await readFile(file, 'utf8'));
    const kept = onDisk.narratives['goals.actual'] as { version: number }[];
    expect(kept.map((e) => e.version)).toEqual(KEPT_VERSIONS);

    // A file saved before the limit: three more, older entries of the same cell
    const older = [1, 2, 3].map((n) => ({ ...kept[0], version: n, text: repeatedText(n) }));
    onDisk.narratives['goals.actual'] = [...older, ...kept];
    await writeFile(file, JSON.stringify(onDisk));
    const reopened = await openStore();
    const read = (await reopened.narratives(id))['goals.actual']!;
    expect(read.map((e) => e.version)).toEqual(KEPT_VERSIONS);
    const form = seedForm();
    form.goals!.actual = repeatedText(HISTORY_SAVES + 1);
    await reopened.update(id, HISTORY_SAVES, saveInputFor(form));
    await reopened.close();
    open.splice(0);
    const after = JSON.parse(await readFile(file, 'utf8')).narratives['goals.actual'] as { version: number }[];
    expect(after.map((e) => e.version)).toEqual([...KEPT_VERSIONS.slice(1), HISTORY_SAVES + 1]);
  });

  it('ignores history bytes of a save that was never acknowledged and writes over them', async () => {
    const store = await openStore();
    const created = await store.create(saveInputFor(seedForm()));
    await store.close();
    open.splice(0);
    const log = join(dir, 'history', `${created.id}.jsonl`);
    await writeFile(log, `${await readFile(log, 'utf8')}{"version":2,"at":"2024-01-01T00:00:00.000Z","by":"崩`);
    const reopened = await openStore();
    expect((await reopened.history(created.id)).map((h) => h.version)).toEqual([1]);
    await reopened.update(created.id, 1, saveInputFor(seedForm({ name: '崩溃之后' })));
    expect(
      (await readFile(log, 'utf8'))
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l).version),
    ).toEqual([1, 2]);
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
    const results = await Promise.allSettled(
      ids.flatMap((id) => [
        store.update(id, 1, saveInputFor(seedForm({ name: `${id}-甲` }))),
        store.update(id, 1, saveInputFor(seedForm({ name: `${id}-乙` }))),
      ]),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(6);
    await store.close();

    const reopened = await openStore({ cacheSize: 1 });
    for (const id of ids) expect((await reopened.get(id)).version).toBe(2);
  });
});

/**
 * `ziping doctor`, the real command: explains quarantined files and files that would be
 * quarantined, while a store holds the directory too, without moving, writing or locking anything.
 */
import { execFile } from 'node:child_process';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { LowdbFormRepository } from '../../src/store/lowdb-repository.js';
import { saveInputFor, seedForm } from '../support/seed-forms.js';
import { makeTempDir, removeDir } from '../support/temp-dir.js';

const run = promisify(execFile);
const BIN = new URL('../../bin/ziping.js', import.meta.url).pathname;

async function doctor(...args: string[]): Promise<{ code: number; stdout: string }> {
  try {
    const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' };
    const { stdout } = await run(process.execPath, [BIN, 'doctor', ...args], { encoding: 'utf8', env });
    return { code: 0, stdout };
  } catch (error) {
    const e = error as { code: number; stdout: string };
    return { code: e.code, stdout: e.stdout };
  }
}

let dir = '';
afterEach(async () => {
  if (dir) await removeDir(dir);
});

describe('ziping doctor', () => {
  it('says all is well for a healthy directory', async () => {
    dir = await makeTempDir('ziping-doctor-');
    const store = await LowdbFormRepository.open(dir);
    await store.create(saveInputFor(seedForm()));
    await store.close();
    const { code, stdout } = await doctor('--data', dir);
    expect(code).toBe(0);
    expect(stdout).toContain('（1 份可载入的表单）');
    expect(stdout).toContain('没有服务在使用这个目录');
    expect(stdout).toContain('数据文件：全部可以载入。');
    expect(stdout).toContain('隔离目录：没有被隔离的文件。');
  });

  it('lists and explains a quarantined file and a newly broken one while a store holds the directory', async () => {
    dir = await makeTempDir('ziping-doctor-');
    const first = await LowdbFormRepository.open(dir);
    const good = await first.create(saveInputFor(seedForm({ name: '好的' })));
    const bad = await first.create(saveInputFor(seedForm({ name: '坏的' })));
    await first.close();
    const badFile = join(dir, 'forms', `${bad.id}.json`);
    const truncated = (await readFile(badFile, 'utf8')).slice(0, 200);
    await writeFile(badFile, truncated);

    const store = await LowdbFormRepository.open(dir);
    try {
      // Broken while the server runs: doctor sees it before the store does.
      const goodFile = join(dir, 'forms', `${good.id}.json`);
      await writeFile(goodFile, (await readFile(goodFile, 'utf8')).replace('"year": 2022', '"year": -1'));
      const lockBefore = await readFile(join(dir, '.lock'), 'utf8');
      const { code, stdout } = await doctor('--data', dir);
      expect(code).toBe(1);
      expect(stdout).toContain(`进程 ${process.pid}`);
      expect(stdout).toContain('正在使用这个目录');
      expect(stdout).toContain(`原位置：forms/${bad.id}.json`);
      expect(stdout).toContain('不是有效的 JSON');
      expect(stdout).toContain('把修好的文件移回原位置');
      expect(stdout).toContain(`forms/${good.id}.json：内容不符合存储格式（record.form.year`);

      const json = JSON.parse((await doctor('--data', dir, '--json')).stdout);
      expect(json.quarantined.map((q: { file: string }) => q.file).sort()).toEqual([
        `forms/${bad.id}.json`,
        `history/${bad.id}.jsonl`,
      ]);
      const moved = json.quarantined.find((q: { file: string }) => q.file.startsWith('forms/')).movedTo;
      expect(await readFile(join(dir, moved), 'utf8')).toBe(truncated);
      // Read only: nothing moved, the lock untouched.
      expect(await readdir(join(dir, 'forms'))).toEqual([`${good.id}.json`]);
      expect(await readFile(join(dir, '.lock'), 'utf8')).toBe(lockBefore);
    } finally {
      await store.close();
    }
  });
});

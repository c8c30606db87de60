/**
 * The data directory's lock (`<dir>/.lock`, Node only). lowdb keeps no lock of its own: two
 * processes writing one store share temp file names and lose whole files, so the store refuses
 * to open a directory another live process holds, and takes over a lock left by a dead one.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync, unlinkSync } from 'node:fs';
import { readFile, unlink, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { ZipingError } from '../core/errors.js';

interface LockContent {
  pid: number;
  host: string;
  token: string;
  since: string;
}

export interface StoreLock {
  /** The lock file's path. */
  readonly path: string;
  /** Deletes the lock file if this process still owns it. */
  release(): Promise<void>;
}

function parseLock(text: string): LockContent | null {
  try {
    const value = JSON.parse(text) as Partial<LockContent>;
    if (typeof value.pid === 'number' && typeof value.token === 'string') {
      return { pid: value.pid, host: String(value.host ?? ''), token: value.token, since: String(value.since ?? '') };
    }
  } catch {
    // An empty or torn lock file means its writer died while creating it.
  }
  return null;
}

/** True when process `pid` on this machine exists (EPERM: it exists but belongs to someone else). */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function lockedError(dir: string, path: string, holder: LockContent): ZipingError {
  const where =
    holder.host && holder.host !== hostname() ? `主机 ${holder.host} 上的进程 ${holder.pid}` : `进程 ${holder.pid}`;
  return new ZipingError(
    'store_locked',
    `数据目录 ${dir} 正被${where} 使用（锁文件 ${path}，自 ${holder.since || '未知时间'} 起）。同一数据目录只能由一个服务打开：请先停止那个服务，或用 --data / ZIPING_DATA 指定另一个目录；如确认那个进程并不是 Ziping 服务，可删除锁文件后重试。`,
    { details: { dir, lockFile: path, pid: holder.pid, host: holder.host } },
  );
}

/** Takes the lock of data directory `dir`, or throws `store_locked` naming the holder. */
export async function acquireStoreLock(dir: string): Promise<StoreLock> {
  const path = join(dir, '.lock');
  const mine: LockContent = {
    pid: process.pid,
    host: hostname(),
    token: randomUUID(),
    since: new Date().toISOString(),
  };
  for (let attempt = 0; attempt < 5; attempt += 1) {
    try {
      await writeFile(path, `${JSON.stringify(mine)}\n`, { flag: 'wx' });
      return ownedLock(path, mine.token);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const text = await readFile(path, 'utf8').catch(() => '');
    const holder = parseLock(text);
    if (holder) {
      const otherHost = holder.host !== '' && holder.host !== mine.host;
      if (otherHost || isAlive(holder.pid)) throw lockedError(dir, path, holder);
    }
    // The holder is gone: remove its lock and race for a fresh one with `wx` again.
    await unlink(path).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error;
    });
  }
  throw new ZipingError('store_locked', `无法取得数据目录 ${dir} 的锁文件 ${path}：多个进程在同时争用。`, {
    details: { dir, lockFile: path },
  });
}

/** Who holds the lock of `dir`, read without touching it (for `ziping doctor`); null when nobody. */
export async function readLockHolder(dir: string): Promise<(LockContent & { alive: boolean; path: string }) | null> {
  const path = join(dir, '.lock');
  const text = await readFile(path, 'utf8').catch(() => null);
  if (text === null) return null;
  const holder = parseLock(text) ?? { pid: 0, host: '', token: '', since: '' };
  const otherHost = holder.host !== '' && holder.host !== hostname();
  return { ...holder, path, alive: holder.pid > 0 && (otherHost || isAlive(holder.pid)) };
}

function ownedLock(path: string, token: string): StoreLock {
  const stillMine = (text: string): boolean => parseLock(text)?.token === token;
  // If the process ends without close() (an uncaught error), still leave no lock behind.
  const onExit = (): void => {
    try {
      if (stillMine(readFileSync(path, 'utf8'))) unlinkSync(path);
    } catch {
      // Nothing to release.
    }
  };
  process.once('exit', onExit);
  let released = false;
  return {
    path,
    async release() {
      if (released) return;
      released = true;
      process.removeListener('exit', onExit);
      const text = await readFile(path, 'utf8').catch(() => '');
      if (stillMine(text)) await unlink(path).catch(() => undefined);
    },
  };
}

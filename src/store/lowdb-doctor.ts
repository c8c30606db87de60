/**
 * A read-only look at a lowdb data directory for `ziping doctor`: who holds the lock, how many
 * forms there are, the files in quarantine, and files that would be quarantined at the next start.
 * Nothing is moved, written or locked, so it is safe while a server runs.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ZipingError } from '../core/errors.js';
import { isFormId } from './ids.js';
import { readLockHolder } from './lock-file.js';
import { checkHead, parseHistory, parseJson } from './lowdb-files.js';
import { listQuarantine, type QuarantinedFile } from './quarantine.js';

export interface DoctorReport {
  /** The lock's holder; null when no lock file exists. */
  lock: { pid: number; host: string; since: string; alive: boolean } | null;
  forms: number;
  quarantined: QuarantinedFile[];
  /** Files in place that do not load now (the next start would quarantine them). */
  problems: { file: string; reason: string }[];
}

function reasonOf(error: unknown): string {
  return error instanceof ZipingError ? String(error.details?.problem ?? error.message) : String(error);
}

/** Checks form `id`'s head and history log; the reason it does not load, or null. */
async function problemOf(dir: string, id: string): Promise<string | null> {
  const file = join(dir, 'forms', `${id}.json`);
  try {
    const { head, pendingLines } = checkHead(file, id, parseJson(file, await readFile(file, 'utf8')));
    if (pendingLines) return null;
    const log = join(dir, 'history', `${id}.jsonl`);
    parseHistory(log, await readFile(log).catch(() => Buffer.alloc(0)), head.historyBytes, head.record.version);
    return null;
  } catch (error) {
    return reasonOf(error);
  }
}

/** Examines data directory `dir` without changing anything. */
export async function examineDataDir(dir: string): Promise<DoctorReport> {
  const holder = await readLockHolder(dir);
  const names = await readdir(join(dir, 'forms')).catch(() => [] as string[]);
  const problems: DoctorReport['problems'] = [];
  let forms = 0;
  for (const name of names.sort()) {
    if (!name.endsWith('.json')) continue;
    const id = name.slice(0, -'.json'.length);
    if (!isFormId(id)) {
      problems.push({
        file: `forms/${name}`,
        reason: '文件名不是表单编号（16 位小写字母和数字），不是本服务写的表单文件',
      });
      continue;
    }
    forms += 1;
    const problem = await problemOf(dir, id);
    if (problem) problems.push({ file: `forms/${name}`, reason: problem });
  }
  return {
    lock: holder ? { pid: holder.pid, host: holder.host, since: holder.since, alive: holder.alive } : null,
    forms: forms - problems.filter((p) => isFormId(p.file.slice('forms/'.length, -'.json'.length))).length,
    quarantined: await listQuarantine(dir),
    problems,
  };
}

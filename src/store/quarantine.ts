/**
 * Quarantine of data files that do not load (Node only, issue #8): such a file is moved, byte for
 * byte, into `<data>/quarantine/` under a time-stamped name, with a small `.reason.json` note beside
 * it saying where it came from and why, so one bad file never stops the other forms being served.
 * Nothing here deletes or rewrites a quarantined file; `ziping doctor` reads the notes.
 */
import { mkdir, readdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { basename, join, relative } from 'node:path';

export const QUARANTINE_DIR = 'quarantine';
const NOTE_SUFFIX = '.reason.json';

import type { QuarantinedFile } from './repository.js';

export type { QuarantinedFile };

/** A time stamp usable in a file name on every file system. */
function stampOf(at: Date): string {
  return at.toISOString().replaceAll(':', '-');
}

/** Moves `absPath` (inside `dataDir`) into the quarantine folder and writes its note. */
export async function quarantineFile(
  dataDir: string,
  absPath: string,
  reason: string,
  at = new Date(),
): Promise<QuarantinedFile> {
  const folder = join(dataDir, QUARANTINE_DIR);
  await mkdir(folder, { recursive: true });
  let target = join(folder, `${stampOf(at)}-${basename(absPath)}`);
  for (let n = 2; await exists(target); n += 1) target = join(folder, `${stampOf(at)}-${n}-${basename(absPath)}`);
  // rename keeps the bytes (same file system: the folder is inside the data directory)
  await rename(absPath, target);
  const entry: QuarantinedFile = {
    file: relative(dataDir, absPath),
    movedTo: relative(dataDir, target),
    reason,
    at: at.toISOString(),
  };
  await writeFile(`${target}${NOTE_SUFFIX}`, `${JSON.stringify(entry, null, 2)}\n`);
  return entry;
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

function noteOf(text: string): Partial<QuarantinedFile> {
  try {
    const value = JSON.parse(text) as Record<string, unknown>;
    const pick = (key: string): string | undefined =>
      typeof value[key] === 'string' ? (value[key] as string) : undefined;
    return { file: pick('file'), reason: pick('reason'), at: pick('at') };
  } catch {
    return {};
  }
}

/** Every file in the quarantine folder of `dataDir`, oldest first, with its note when it has one. */
export async function listQuarantine(dataDir: string): Promise<QuarantinedFile[]> {
  const folder = join(dataDir, QUARANTINE_DIR);
  const names = await readdir(folder).catch(() => [] as string[]);
  const out: QuarantinedFile[] = [];
  for (const name of names.sort()) {
    if (name.endsWith(NOTE_SUFFIX)) continue;
    const note = noteOf(await readFile(join(folder, `${name}${NOTE_SUFFIX}`), 'utf8').catch(() => ''));
    out.push({
      file: note.file ?? '（未知）',
      movedTo: `${QUARANTINE_DIR}/${name}`,
      reason: note.reason ?? '没有说明文件（可能是手工放入隔离目录的）',
      at: note.at ?? '',
    });
  }
  return out;
}

/**
 * The audit log of the Node server (lowdb store): `audit.log` in the data folder, one JSON entry
 * per line, only ever appended to. Node only; the data folder's lock (lock-file.ts) keeps other
 * processes out, and appends are queued, so one process writes one line at a time.
 *
 * - An append is one `write` of one line to a file opened for appending. A crash can cut the last
 *   line short: the reader skips a line that does not parse, and the next start ends the cut line
 *   first, so a new entry never joins it. Not fsynced (as lowdb): a power cut can lose the last lines.
 * - At AUDIT_FILE_LIMITS.rotateBytes the file becomes `audit.log.1` (`.1` becomes `.2`, …); the
 *   oldest beyond AUDIT_FILE_LIMITS.keepFiles is deleted: the log is capped, and says so in README.
 */
import { appendFile, readFile, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { type AuditEntry, AuditEntrySchema, type NewAuditEntry } from '../core/audit/entry.js';
import { AUDIT_FILE_LIMITS } from '../core/limits.js';
import { type AuditLog, type AuditPage, type AuditQuery, pageOf } from './audit-log.js';

export const AUDIT_FILE = 'audit.log';

export interface FileAuditLogOptions {
  rotateBytes?: number;
  keepFiles?: number;
}

export class FileAuditLog implements AuditLog {
  readonly #dir: string;
  readonly #rotateBytes: number;
  readonly #keepFiles: number;
  #seq: number;
  #size: number;
  #queue: Promise<unknown> = Promise.resolve();

  private constructor(dir: string, seq: number, size: number, options: FileAuditLogOptions) {
    this.#dir = dir;
    this.#seq = seq;
    this.#size = size;
    this.#rotateBytes = options.rotateBytes ?? AUDIT_FILE_LIMITS.rotateBytes;
    this.#keepFiles = options.keepFiles ?? AUDIT_FILE_LIMITS.keepFiles;
  }

  /** Opens the log in `dir` (the store's data folder), continuing the numbering of the newest entry. */
  static async open(dir: string, options: FileAuditLogOptions = {}): Promise<FileAuditLog> {
    const current = join(dir, AUDIT_FILE);
    const text = await readText(current);
    // A line cut short by a crash is ended here, so the next entry starts on its own line
    if (text.length > 0 && !text.endsWith('\n')) await appendFile(current, '\n');
    let last = lastSeq(text);
    for (let n = 1; last === 0 && n <= (options.keepFiles ?? AUDIT_FILE_LIMITS.keepFiles); n++) {
      last = lastSeq(await readText(`${current}.${n}`));
    }
    const size = Buffer.byteLength(text) + (text.length > 0 && !text.endsWith('\n') ? 1 : 0);
    return new FileAuditLog(dir, last, size, options);
  }

  append(entry: NewAuditEntry): Promise<AuditEntry> {
    const run = this.#queue.then(() => this.#write(entry));
    this.#queue = run.catch(() => undefined);
    return run;
  }

  async #write(entry: NewAuditEntry): Promise<AuditEntry> {
    const stored: AuditEntry = { seq: this.#seq + 1, ...entry };
    const line = `${JSON.stringify(stored)}\n`;
    const bytes = Buffer.byteLength(line);
    if (this.#size > 0 && this.#size + bytes > this.#rotateBytes) await this.#rotate();
    await appendFile(join(this.#dir, AUDIT_FILE), line, { flag: 'a' });
    this.#seq = stored.seq;
    this.#size += bytes;
    return stored;
  }

  /** audit.log → audit.log.1 → … ; the file past keepFiles is deleted. */
  async #rotate(): Promise<void> {
    const base = join(this.#dir, AUDIT_FILE);
    await rm(`${base}.${this.#keepFiles}`, { force: true });
    for (let n = this.#keepFiles - 1; n >= 1; n--) {
      if (await exists(`${base}.${n}`)) await rename(`${base}.${n}`, `${base}.${n + 1}`);
    }
    await rename(base, `${base}.1`);
    this.#size = 0;
  }

  async list(query: AuditQuery): Promise<AuditPage> {
    await this.#queue;
    return pageOf(this.#newestFirst(), query);
  }

  /** Entries newest first, file by file; a file is read only when the page needs it. */
  async *#newestFirst(): AsyncGenerator<AuditEntry> {
    for (const file of this.#files()) {
      const lines = (await readText(file)).split('\n');
      for (let i = lines.length - 1; i >= 0; i--) {
        const entry = entryOf(lines[i]!);
        if (entry) yield entry;
      }
    }
  }

  #files(): string[] {
    const base = join(this.#dir, AUDIT_FILE);
    return [base, ...Array.from({ length: this.#keepFiles }, (_, i) => `${base}.${i + 1}`)];
  }

  async close(): Promise<void> {
    await this.#queue;
  }
}

/** The file's text, or '' when it does not exist. */
async function readText(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return '';
    throw error;
  }
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}

/** The entry on one line, or null for a blank line or one a crash cut short. */
function entryOf(line: string): AuditEntry | null {
  if (line.trim() === '') return null;
  try {
    const parsed = AuditEntrySchema.safeParse(JSON.parse(line));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** The number of the last readable entry of a file's text (0 when none). */
function lastSeq(text: string): number {
  const lines = text.split('\n');
  for (let i = lines.length - 1; i >= 0; i--) {
    const entry = entryOf(lines[i]!);
    if (entry) return entry.seq;
  }
  return 0;
}

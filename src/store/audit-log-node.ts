/**
 * The audit log of the Node server (lowdb store): `audit.log` in the data folder, one JSON entry
 * per line, only ever appended to. Node only; the data folder's lock (lock-file.ts) keeps other
 * processes out, and appends are queued, so one process writes one batch at a time.
 *
 * - Appends that arrive while a write is under way go out together in the next single `write` (a
 *   group commit: every read is logged, so under load one write per request would be the cost of a
 *   GET); each append still resolves only once its line is written. A crash can cut the last
 *   line short: the reader skips a line that does not parse, and the next start ends the cut line
 *   first, so a new entry never joins it. Not fsynced (as lowdb): a power cut can lose the last lines.
 * - At AUDIT_FILE_LIMITS.rotateBytes the file becomes `audit.log.1` (`.1` becomes `.2`, …); the
 *   oldest beyond AUDIT_FILE_LIMITS.keepFiles is deleted: the log is capped, and says so in README.
 */
import { appendFile, type FileHandle, open, readFile, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { type AuditEntry, AuditEntrySchema, type NewAuditEntry } from '../core/audit/entry.js';
import { AUDIT_FILE_LIMITS } from '../core/limits.js';
import { type AuditLog, type AuditPage, type AuditQuery, pageOf } from './audit-log.js';

export const AUDIT_FILE = 'audit.log';

export interface FileAuditLogOptions {
  rotateBytes?: number;
  keepFiles?: number;
}

interface PendingLine {
  entry: NewAuditEntry;
  resolve: (stored: AuditEntry) => void;
  reject: (error: unknown) => void;
}

export class FileAuditLog implements AuditLog {
  readonly #dir: string;
  readonly #rotateBytes: number;
  readonly #keepFiles: number;
  #seq: number;
  #size: number;
  /** Lines waiting for the next write, each with the callbacks of its append. */
  #pending: PendingLine[] = [];
  /** The write loop while one runs. */
  #flushing: Promise<void> | null = null;
  /**
   * `audit.log` open for appending, kept between writes: opening and closing the file for each
   * batch cost about four times the write itself, on every audited request (issue #9).
   */
  #handle: FileHandle | null = null;

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
    return new Promise<AuditEntry>((resolve, reject) => {
      this.#pending.push({ entry, resolve, reject });
      this.#flushing ??= this.#flushLoop();
    });
  }

  /** Writes what is pending, batch after batch, until nothing is. */
  async #flushLoop(): Promise<void> {
    while (this.#pending.length > 0) {
      const batch = this.#pending.splice(0);
      try {
        const stored = await this.#write(batch.map((p) => p.entry));
        for (const [i, p] of batch.entries()) p.resolve(stored[i]!);
      } catch (error) {
        for (const p of batch) p.reject(error);
      }
    }
    this.#flushing = null;
  }

  /** Numbers `entries` after the last one written and appends them in one write. */
  async #write(entries: NewAuditEntry[]): Promise<AuditEntry[]> {
    const stored = entries.map((entry, i): AuditEntry => ({ seq: this.#seq + 1 + i, ...entry }));
    const text = stored.map((e) => `${JSON.stringify(e)}\n`).join('');
    const bytes = Buffer.byteLength(text);
    if (this.#size > 0 && this.#size + bytes > this.#rotateBytes) await this.#rotate();
    this.#handle ??= await open(join(this.#dir, AUDIT_FILE), 'a');
    try {
      await this.#handle.appendFile(text);
    } catch (error) {
      // The next batch opens the file afresh
      await this.#release();
      throw error;
    }
    this.#seq += stored.length;
    this.#size += bytes;
    return stored;
  }

  /** audit.log → audit.log.1 → … ; the file past keepFiles is deleted. */
  async #rotate(): Promise<void> {
    const base = join(this.#dir, AUDIT_FILE);
    await this.#release();
    await rm(`${base}.${this.#keepFiles}`, { force: true });
    for (let n = this.#keepFiles - 1; n >= 1; n--) {
      if (await exists(`${base}.${n}`)) await rename(`${base}.${n}`, `${base}.${n + 1}`);
    }
    await rename(base, `${base}.1`);
    this.#size = 0;
  }

  async list(query: AuditQuery): Promise<AuditPage> {
    await this.#flushing;
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

  /** Closes the open file, if any (a failed close leaves nothing to retry). */
  async #release(): Promise<void> {
    const handle = this.#handle;
    this.#handle = null;
    await handle?.close().catch(() => undefined);
  }

  async close(): Promise<void> {
    await this.#flushing;
    await this.#release();
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

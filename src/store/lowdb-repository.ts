/**
 * The Node store: lowdb JSON files in a data directory (layout in lowdb-files.ts), one head file per
 * form and a history log beside it, so a save writes what it changed however many forms and
 * versions are stored.
 *
 * - Opening takes `<dir>/.lock`, lists the files and reconciles them with `index.json` by name,
 *   size and mtime: only files the index does not describe are parsed; the rest are checked when
 *   first read. A file that does not load is moved to `<dir>/quarantine/` (quarantine.ts), named in
 *   the log and in `health()`, and every other form is served.
 * - All operations on one form run one after another (a queue per form), so a version check and the
 *   write it guards cannot interleave, and lowdb never reads a file while a write to it is pending.
 * - A save appends its history line past the committed length, then replaces the head (lowdb's
 *   temp file and rename) with the new length, and resolves only after that: every acknowledged
 *   save survives the process being killed, and a line written for a save that was not
 *   acknowledged is overwritten by the next one. (Nothing is fsynced: a power cut may lose the last.)
 * - Heads are cached (least recently used first out), so memory stays bounded with many forms.
 */
import { constants } from 'node:fs';
import { mkdir, open as openFile, readdir, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Low } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import { ZipingError } from '../core/errors.js';
import type { NarrativePath } from '../core/schema/form.js';
import { checkNarrativePath, checkVersion, deepFreeze, parseChatMessages } from './form-document.js';
import { isFormId, newFormId } from './ids.js';
import { summaryOf } from './list-forms.js';
import { acquireStoreLock, type StoreLock } from './lock-file.js';
import {
  checkHead,
  corrupt,
  historyText,
  indexText,
  parseHistory,
  parseIndex,
  parseJson,
  type FormHead,
  type IndexEntry,
  type LoadedHead,
} from './lowdb-files.js';
import { listQuarantine, quarantineFile, type QuarantinedFile } from './quarantine.js';
import type { ChatMessage, FormRecord, NarrativeEntry, StoredVersion, VersionEntry } from './records.js';
import type { FormPage, FormRepository, ListQuery, SaveInput, StoreHealth } from './repository.js';
import { formNotFound } from './store-errors.js';
import { SummaryList } from './summary-list.js';
import { entriesOf, firstSave, nextSave, versionFromLog, type SaveStep, type VersionLine } from './version-log.js';

export interface LowdbStoreOptions {
  /** How many form heads to keep in memory (default 500). */
  cacheSize?: number;
  /** Where quarantine notices go at open (default: nowhere; the Node entry logs them). */
  onQuarantine?: (entry: QuarantinedFile) => void;
}

/** One form's queue and, while cached, its lowdb instance, head and history lines. */
interface Slot {
  db: Low<FormHead> | null;
  loaded: LoadedHead | null;
  lines: VersionLine[] | null;
  tail: Promise<unknown>;
  pending: number;
}

const READ_CONCURRENCY = 32;
/** How long after a change the index is rewritten (a crash before then only costs a re-parse). */
const INDEX_DELAY_MS = 2000;

/** Runs `fn` over `items` with at most `limit` running at once. */
async function eachLimited<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) await fn(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/** Writes `data` at byte `offset` of `file` (created if missing) and cuts the file there. */
async function writeAt(file: string, offset: number, data: Buffer): Promise<number> {
  const handle = await openFile(file, constants.O_RDWR | constants.O_CREAT, 0o644);
  try {
    await handle.write(data, 0, data.length, offset);
    await handle.truncate(offset + data.length);
  } finally {
    await handle.close();
  }
  return offset + data.length;
}

export class LowdbFormRepository implements FormRepository {
  /** The data directory (absolute). */
  readonly dir: string;
  /** Files moved aside while opening, in the order found. */
  readonly quarantined: QuarantinedFile[] = [];
  readonly #formsDir: string;
  readonly #historyDir: string;
  readonly #lock: StoreLock;
  readonly #cacheSize: number;
  #summaries = new SummaryList();
  readonly #index = new Map<string, IndexEntry>();
  readonly #slots = new Map<string, Slot>();
  #indexTimer: ReturnType<typeof setTimeout> | null = null;
  #indexWrite: Promise<void> = Promise.resolve();
  /** True when the index in memory differs from `index.json`. */
  #indexDirty = false;
  #closed = false;

  private constructor(dir: string, lock: StoreLock, cacheSize: number) {
    this.dir = dir;
    this.#formsDir = join(dir, 'forms');
    this.#historyDir = join(dir, 'history');
    this.#lock = lock;
    this.#cacheSize = cacheSize;
  }

  /**
   * Opens (creating if needed) the store in `dir`. Throws `store_locked` when another live process
   * holds it; files that do not load are quarantined, never rewritten.
   */
  static async open(dir: string, options: LowdbStoreOptions = {}): Promise<LowdbFormRepository> {
    const root = resolve(dir);
    await mkdir(join(root, 'forms'), { recursive: true });
    await mkdir(join(root, 'history'), { recursive: true });
    const lock = await acquireStoreLock(root);
    const store = new LowdbFormRepository(root, lock, Math.max(1, options.cacheSize ?? 500));
    try {
      await store.#openAll(options.onQuarantine ?? (() => undefined));
    } catch (error) {
      await lock.release();
      throw error;
    }
    return store;
  }

  #file(id: string): string {
    return join(this.#formsDir, `${id}.json`);
  }

  #historyFile(id: string): string {
    return join(this.#historyDir, `${id}.jsonl`);
  }

  /** Lists the form files, reconciles them with the index and quarantines what does not load. */
  async #openAll(notify: (entry: QuarantinedFile) => void): Promise<void> {
    const ids = await this.#formIds(notify);
    const index = parseIndex(await readFile(join(this.dir, 'index.json'), 'utf8').catch(() => null));
    const summaries: NonNullable<ReturnType<SummaryList['get']>>[] = [];
    let changed = index.size !== ids.length;
    await eachLimited(ids, READ_CONCURRENCY, async (id) => {
      const file = this.#file(id);
      const info = await stat(file);
      const known = index.get(id);
      if (known && known.size === info.size && known.mtimeMs === info.mtimeMs) {
        this.#index.set(id, known);
        summaries.push(known.summary);
        return;
      }
      changed = true;
      try {
        const loaded = checkHead(file, id, parseJson(file, await readFile(file, 'utf8')));
        const summary = summaryOf(loaded.head.record);
        this.#index.set(id, { size: info.size, mtimeMs: info.mtimeMs, summary });
        summaries.push(summary);
        if (this.#slots.size < this.#cacheSize) this.#slots.set(id, this.#slotOf(id, loaded));
      } catch (error) {
        notify(await this.#quarantine(id, error));
      }
    });
    this.#summaries = new SummaryList(summaries);
    if (changed) await this.#writeIndex();
  }

  /** The ids of the form files; removes temp files of cut writes and quarantines stray files. */
  async #formIds(notify: (entry: QuarantinedFile) => void): Promise<string[]> {
    const ids: string[] = [];
    for (const name of await readdir(this.#formsDir)) {
      const path = join(this.#formsDir, name);
      if (name.startsWith('.') && name.endsWith('.tmp')) {
        // A temp file of a write cut short by a crash; that write was never acknowledged.
        await unlink(path).catch(() => undefined);
      } else if (name.endsWith('.json') && isFormId(name.slice(0, -'.json'.length))) {
        ids.push(name.slice(0, -'.json'.length));
      } else if (name.endsWith('.json')) {
        const entry = await quarantineFile(
          this.dir,
          path,
          '文件名不是表单编号（16 位小写字母和数字），不是本服务写的表单文件',
        );
        this.quarantined.push(entry);
        notify(entry);
      }
    }
    return ids;
  }

  /** Moves form `id`'s files aside because of `error`; returns the head's entry. */
  async #quarantine(id: string, error: unknown): Promise<QuarantinedFile> {
    const problem = error instanceof ZipingError ? String(error.details?.problem ?? error.message) : String(error);
    const entry = await quarantineFile(this.dir, this.#file(id), problem);
    this.quarantined.push(entry);
    const history = this.#historyFile(id);
    if (
      await stat(history).then(
        () => true,
        () => false,
      )
    ) {
      await quarantineFile(this.dir, history, `表单 ${id} 的历史记录，随其数据文件 ${entry.movedTo} 一起隔离`);
    }
    this.#index.delete(id);
    this.#summaries.delete(id);
    return entry;
  }

  #slotOf(id: string, loaded: LoadedHead | null): Slot {
    const db = loaded ? this.#lowFor(id, loaded.head) : null;
    return { db, loaded, lines: loaded?.pendingLines ?? null, tail: Promise.resolve(), pending: 0 };
  }

  #lowFor(id: string, head: FormHead): Low<FormHead> {
    // Constructed by hand: JSONFilePreset would silently switch to memory under NODE_ENV=test.
    return new Low<FormHead>(new JSONFile<FormHead>(this.#file(id)), head);
  }

  /** Runs `fn` after every earlier operation on form `id` has finished. */
  #run<T>(id: string, fn: (slot: Slot) => Promise<T>): Promise<T> {
    if (this.#closed) return Promise.reject(new ZipingError('internal_error', '存储已关闭'));
    let slot = this.#slots.get(id);
    if (!slot) {
      slot = this.#slotOf(id, null);
      this.#slots.set(id, slot);
    } else {
      // Re-insert to mark it most recently used.
      this.#slots.delete(id);
      this.#slots.set(id, slot);
    }
    const owned = slot;
    owned.pending += 1;
    const result = owned.tail.then(() => fn(owned));
    owned.tail = result.then(
      () => undefined,
      () => undefined,
    );
    return result.finally(() => {
      owned.pending -= 1;
      // A slot left without a head (unknown id, deleted form) holds nothing worth keeping.
      if (owned.pending === 0 && owned.loaded === null && this.#slots.get(id) === owned) this.#slots.delete(id);
      this.#trim();
    });
  }

  /** Drops idle cached heads beyond the cache size, least recently used first. */
  #trim(): void {
    for (const [id, slot] of this.#slots) {
      if (this.#slots.size <= this.#cacheSize) break;
      if (slot.pending === 0) this.#slots.delete(id);
    }
  }

  /** The committed head of form `id`, read and checked on first use; a bad file is quarantined. */
  async #load(id: string, slot: Slot): Promise<FormHead> {
    if (!this.#summaries.has(id)) throw formNotFound(id);
    if (slot.loaded) return slot.loaded.head;
    const file = this.#file(id);
    // Read through a fresh lowdb instance: no write to this file can be pending (we hold its queue).
    const db = new Low<unknown>(new JSONFile<unknown>(file), null);
    let loaded: LoadedHead;
    try {
      await db.read().catch((error: Error) => {
        throw corrupt(file, `不是有效的 JSON 或无法读取（${error.message}）`, error);
      });
      loaded = checkHead(file, id, db.data);
    } catch (error) {
      const entry = await this.#quarantine(id, error);
      this.#scheduleIndex();
      throw new ZipingError(
        'store_corrupt',
        `自评表 ${id} 的数据文件无法读取，已移到 ${entry.movedTo}：${entry.reason}`,
        {
          details: { id, movedTo: entry.movedTo },
          cause: error,
        },
      );
    }
    slot.db = db as Low<FormHead>;
    slot.loaded = loaded;
    slot.lines = loaded.pendingLines;
    return loaded.head;
  }

  /** The history lines of form `id` (read from its log on first use). */
  async #lines(id: string, slot: Slot): Promise<VersionLine[]> {
    const head = await this.#load(id, slot);
    if (slot.lines) return slot.lines;
    const file = this.#historyFile(id);
    const text = await readFile(file).catch(() => Buffer.alloc(0));
    slot.lines = parseHistory(file, text, head.historyBytes, head.record.version);
    return slot.lines;
  }

  /**
   * Commits `head` (with history line `line`, if the change saved a version): the line goes past the
   * committed end of the log, then the head is replaced. Format-1 histories are written out first.
   */
  async #commit(
    id: string,
    slot: Slot,
    head: Omit<FormHead, 'historyBytes'>,
    line: VersionLine | null,
    fresh = false,
  ): Promise<FormHead> {
    const pending = fresh ? [] : (slot.loaded?.pendingLines ?? null);
    const toWrite = [...(pending ?? []), ...(line ? [line] : [])];
    let historyBytes = fresh || pending ? 0 : slot.loaded!.head.historyBytes;
    const next: FormHead = { ...head, historyBytes };
    const db = slot.db ?? this.#lowFor(id, next);
    try {
      if (toWrite.length > 0 || fresh) {
        const text = historyText(toWrite);
        // A whole new log is one call; an append goes past the committed end and cuts what follows.
        if (historyBytes === 0) await writeFile(this.#historyFile(id), text);
        else await writeAt(this.#historyFile(id), historyBytes, text);
        historyBytes += text.length;
      }
      next.historyBytes = historyBytes;
      db.data = next;
      await db.write();
    } catch (error) {
      // The files hold the old or the new state; reread them on next use rather than guess.
      slot.db = null;
      slot.loaded = null;
      slot.lines = null;
      throw new ZipingError('internal_error', `保存失败：无法写入数据文件 ${this.#file(id)}`, { cause: error });
    }
    const lines = pending ? toWrite : fresh ? toWrite : slot.lines && line ? [...slot.lines, line] : slot.lines;
    slot.db = db;
    slot.loaded = { head: deepFreeze(next), pendingLines: null };
    slot.lines = lines ? (Object.freeze(lines) as VersionLine[]) : null;
    await this.#indexed(id, next.record);
    return next;
  }

  /** Records form `id`'s new summary and file size and mtime for the index. */
  async #indexed(id: string, record: FormRecord): Promise<void> {
    const summary = summaryOf(record);
    this.#summaries.set(summary);
    const info = await stat(this.#file(id)).catch(() => null);
    if (info) this.#index.set(id, { size: info.size, mtimeMs: info.mtimeMs, summary });
    else this.#index.delete(id);
    this.#scheduleIndex();
  }

  #scheduleIndex(): void {
    this.#indexDirty = true;
    if (this.#indexTimer || this.#closed) return;
    this.#indexTimer = setTimeout(() => {
      this.#indexTimer = null;
      void this.#writeIndex();
    }, INDEX_DELAY_MS);
    this.#indexTimer.unref();
  }

  /** Replaces `index.json` (temp file and rename); one write at a time. A failure only costs a slower start. */
  #writeIndex(): Promise<void> {
    this.#indexDirty = false;
    this.#indexWrite = this.#indexWrite.then(async () => {
      const file = join(this.dir, 'index.json');
      const temp = join(this.dir, '.index.json.tmp');
      try {
        await writeFile(temp, indexText(this.#index));
        await rename(temp, file);
      } catch {
        await unlink(temp).catch(() => undefined);
      }
    });
    return this.#indexWrite;
  }

  #step(id: string, slot: Slot, step: SaveStep, fresh = false): Promise<FormHead> {
    const chat = fresh ? {} : slot.loaded!.head.chat;
    return this.#commit(
      id,
      slot,
      { format: 2, record: step.record, narratives: step.narratives, chat },
      step.line,
      fresh,
    );
  }

  /** Stores a new form as version 1. */
  async create(input: SaveInput): Promise<FormRecord> {
    let id = newFormId();
    while (this.#summaries.has(id) || this.#slots.has(id)) id = newFormId();
    const step = firstSave(id, input);
    return this.#run(id, async (slot) => (await this.#step(id, slot, step, true)).record);
  }

  /** The current record. */
  async get(id: string): Promise<FormRecord> {
    if (!isFormId(id)) throw formNotFound(id);
    // A loaded head with nothing queued on it is the committed one: no need to join the queue
    const slot = this.#slots.get(id);
    if (slot?.loaded && slot.pending === 0 && !this.#closed && this.#summaries.has(id)) {
      this.#slots.delete(id);
      this.#slots.set(id, slot);
      return slot.loaded.head.record;
    }
    return this.#run(id, async (slot) => (await this.#load(id, slot)).record);
  }

  /** A page of summaries, newest update first; reads only as far as the page goes. */
  async list(query: ListQuery = {}): Promise<FormPage> {
    return this.#summaries.page(query);
  }

  /** Saves a new version if `expectedVersion` is current. */
  async update(id: string, expectedVersion: number, input: SaveInput): Promise<FormRecord> {
    if (!isFormId(id)) throw formNotFound(id);
    return this.#run(id, async (slot) => {
      const head = await this.#load(id, slot);
      const step = nextSave(head.record, head.narratives, expectedVersion, input);
      return (await this.#step(id, slot, step)).record;
    });
  }

  /** Deletes the form's files if `expectedVersion` is current. */
  async delete(id: string, expectedVersion: number): Promise<void> {
    if (!isFormId(id)) throw formNotFound(id);
    return this.#run(id, async (slot) => {
      const head = await this.#load(id, slot);
      checkVersion({ format: 1, record: head.record, versions: [], narratives: {}, chat: {} }, expectedVersion);
      await unlink(this.#file(id));
      await unlink(this.#historyFile(id)).catch(() => undefined);
      this.#summaries.delete(id);
      this.#index.delete(id);
      this.#scheduleIndex();
      slot.db = null;
      slot.loaded = null;
      slot.lines = null;
    });
  }

  /** Every saved version, oldest first. */
  async history(id: string): Promise<VersionEntry[]> {
    if (!isFormId(id)) throw formNotFound(id);
    return this.#run(id, async (slot) => entriesOf(await this.#lines(id, slot)));
  }

  /** One saved version with its form. */
  async getVersion(id: string, version: number): Promise<StoredVersion> {
    if (!isFormId(id)) throw formNotFound(id);
    return this.#run(id, async (slot) => {
      const lines = await this.#lines(id, slot);
      const head = slot.loaded!.head;
      return versionFromLog(head.record, lines[version - 1], lines, version);
    });
  }

  /** Every narrative cell's history. */
  async narratives(id: string): Promise<Partial<Record<NarrativePath, NarrativeEntry[]>>> {
    if (!isFormId(id)) throw formNotFound(id);
    return this.#run(id, async (slot) => (await this.#load(id, slot)).narratives);
  }

  /** A cell's revision chat. */
  async getChat(id: string, path: NarrativePath): Promise<ChatMessage[]> {
    checkNarrativePath(path);
    if (!isFormId(id)) throw formNotFound(id);
    return this.#run(id, async (slot) => (await this.#load(id, slot)).chat[path] ?? []);
  }

  /** Appends turns to a cell's chat. */
  async appendChat(id: string, path: NarrativePath, messages: ChatMessage[]): Promise<ChatMessage[]> {
    checkNarrativePath(path);
    const turns = parseChatMessages(messages);
    if (!isFormId(id)) throw formNotFound(id);
    return this.#run(id, async (slot) => {
      const head = await this.#load(id, slot);
      const chat = { ...head.chat, [path]: [...(head.chat[path] ?? []), ...structuredClone(turns)] };
      const next = await this.#commit(id, slot, { ...head, chat }, null);
      return next.chat[path] ?? [];
    });
  }

  /** Forgets a cell's chat. */
  async clearChat(id: string, path: NarrativePath): Promise<void> {
    checkNarrativePath(path);
    if (!isFormId(id)) throw formNotFound(id);
    await this.#run(id, async (slot) => {
      const head = await this.#load(id, slot);
      const chat = { ...head.chat };
      delete chat[path];
      await this.#commit(id, slot, { ...head, chat }, null);
    });
  }

  /** The store's kind and every file in its quarantine folder. */
  async health(): Promise<StoreHealth> {
    return { kind: 'lowdb', ok: !this.#closed, quarantined: await listQuarantine(this.dir) };
  }

  /** Waits for pending writes, writes the index, then releases the lock. Later calls fail. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await Promise.all([...this.#slots.values()].map((slot) => slot.tail));
    if (this.#indexTimer) clearTimeout(this.#indexTimer);
    this.#indexTimer = null;
    if (this.#indexDirty) await this.#writeIndex();
    await this.#indexWrite;
    await this.#lock.release();
  }
}

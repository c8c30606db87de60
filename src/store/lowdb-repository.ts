/**
 * The Node store: one lowdb JSON file per form under `<dir>/forms/<id>.json`, so a save rewrites
 * one small file however many forms are stored.
 *
 * - Opening takes `<dir>/.lock`, reads and checks every file once, and builds the list index in
 *   memory; a file that does not parse or check is reported (`store_corrupt`) and left untouched.
 * - All operations on one form run one after another (a queue per file), so a version check and
 *   the write it guards cannot interleave with another save, and lowdb never reads a file while a
 *   write to it is pending.
 * - A save resolves only after lowdb's temp-file-and-rename has completed, so every acknowledged
 *   save survives the process being killed. (Writes are not fsynced: a power cut may lose the last.)
 * - Documents are cached (least recently used first out), so memory stays bounded with many forms.
 */
import { mkdir, readdir, readFile, unlink } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Low } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import { ZipingError } from '../core/errors.js';
import type { NarrativePath } from '../core/schema/form.js';
import { fieldIssuesOf } from '../core/schema/validate.js';
import { isFormId, newFormId } from './ids.js';
import {
  checkNarrativePath,
  checkVersion,
  deepFreeze,
  historyOf,
  newDocument,
  parseChatMessages,
  updatedDocument,
  versionOf,
  withChat,
  withoutChat,
} from './form-document.js';
import { pageOf, summaryOf } from './list-forms.js';
import { acquireStoreLock, type StoreLock } from './lock-file.js';
import {
  FormDocumentSchema,
  type ChatMessage,
  type FormDocument,
  type FormRecord,
  type FormSummary,
  type NarrativeEntry,
  type StoredVersion,
  type VersionEntry,
} from './records.js';
import type { FormPage, FormRepository, ListQuery, SaveInput } from './repository.js';
import { formNotFound } from './store-errors.js';

export interface LowdbStoreOptions {
  /** How many form documents to keep in memory (default 500). */
  cacheSize?: number;
}

/** One form's file: its lowdb instance (one per file), committed document and operation queue. */
interface Slot {
  db: Low<FormDocument> | null;
  doc: FormDocument | null;
  tail: Promise<unknown>;
  pending: number;
}

const READ_CONCURRENCY = 32;

/** `store_corrupt` naming the file and what is wrong with it. */
function corrupt(file: string, problem: string, cause?: unknown): ZipingError {
  return new ZipingError(
    'store_corrupt',
    `数据文件有问题：${file}：${problem}。服务没有改动这个文件；请修复它或把它移出数据目录后再启动。`,
    { details: { file, problem }, cause },
  );
}

/** Parses one form file's text; throws `store_corrupt` naming `file`. */
function parseJson(file: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw corrupt(file, `不是有效的 JSON（${(error as Error).message}）`, error);
  }
}

/** Checks one form file's data; throws `store_corrupt` naming `file` and what is wrong. */
function checkDocument(file: string, id: string, data: unknown): FormDocument {
  const checked = FormDocumentSchema.safeParse(data);
  if (!checked.success) {
    const issues = fieldIssuesOf(checked.error);
    const listed = issues.slice(0, 5).map((i) => `${i.path || '(根)'}: ${i.message}`).join('；');
    throw corrupt(file, `内容不符合存储格式（${listed}${issues.length > 5 ? ` 等 ${issues.length} 处` : ''}）`);
  }
  const doc = checked.data;
  if (doc.record.id !== id) throw corrupt(file, `记录编号 ${doc.record.id} 与文件名 ${id} 不一致`);
  const last = doc.versions[doc.versions.length - 1]!;
  if (last.version !== doc.record.version) {
    throw corrupt(file, `当前版本 ${doc.record.version} 与历史中最新的第 ${last.version} 版不一致`);
  }
  // The checked copy is only proof; keep the file's own data, so fields a newer scorer wrote survive.
  return deepFreeze(data as FormDocument);
}

/** Runs `fn` over `items` with at most `limit` running at once. */
async function eachLimited<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) await fn(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

export class LowdbFormRepository implements FormRepository {
  /** The data directory (absolute). */
  readonly dir: string;
  readonly #formsDir: string;
  readonly #lock: StoreLock;
  readonly #cacheSize: number;
  readonly #summaries = new Map<string, FormSummary>();
  readonly #slots = new Map<string, Slot>();
  #closed = false;

  private constructor(dir: string, lock: StoreLock, cacheSize: number) {
    this.dir = dir;
    this.#formsDir = join(dir, 'forms');
    this.#lock = lock;
    this.#cacheSize = cacheSize;
  }

  /**
   * Opens (creating if needed) the store in `dir`. Throws `store_locked` when another live process
   * holds it and `store_corrupt` when a file does not load; the files are never rewritten then.
   */
  static async open(dir: string, options: LowdbStoreOptions = {}): Promise<LowdbFormRepository> {
    const root = resolve(dir);
    await mkdir(join(root, 'forms'), { recursive: true });
    const lock = await acquireStoreLock(root);
    const store = new LowdbFormRepository(root, lock, Math.max(1, options.cacheSize ?? 500));
    try {
      await store.#loadAll();
    } catch (error) {
      await lock.release();
      throw error;
    }
    return store;
  }

  #file(id: string): string {
    return join(this.#formsDir, `${id}.json`);
  }

  async #loadAll(): Promise<void> {
    const names = await readdir(this.#formsDir);
    const files: string[] = [];
    for (const name of names) {
      if (name.startsWith('.') && name.endsWith('.tmp')) {
        // A temp file of a write cut short by a crash; that write was never acknowledged.
        await unlink(join(this.#formsDir, name)).catch(() => undefined);
        continue;
      }
      if (!name.endsWith('.json')) continue;
      const id = name.slice(0, -'.json'.length);
      if (!isFormId(id)) throw corrupt(join(this.#formsDir, name), '文件名不是有效的表单编号');
      files.push(id);
    }
    await eachLimited(files, READ_CONCURRENCY, async (id) => {
      const file = this.#file(id);
      const doc = checkDocument(file, id, parseJson(file, await readFile(file, 'utf8')));
      this.#summaries.set(id, summaryOf(doc.record));
      // Keep the first documents read, up to the cache size, so a fresh server answers from memory.
      if (this.#slots.size < this.#cacheSize) {
        this.#slots.set(id, { db: this.#lowFor(id, doc), doc, tail: Promise.resolve(), pending: 0 });
      }
    });
  }

  #lowFor(id: string, doc: FormDocument): Low<FormDocument> {
    // Constructed by hand: JSONFilePreset would silently switch to memory under NODE_ENV=test.
    return new Low<FormDocument>(new JSONFile<FormDocument>(this.#file(id)), doc);
  }

  /** Runs `fn` after every earlier operation on form `id` has finished. */
  #run<T>(id: string, fn: (slot: Slot) => Promise<T>): Promise<T> {
    if (this.#closed) return Promise.reject(new ZipingError('internal_error', '存储已关闭'));
    let slot = this.#slots.get(id);
    if (!slot) {
      slot = { db: null, doc: null, tail: Promise.resolve(), pending: 0 };
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
      // A slot left without a document (unknown id, deleted form) holds nothing worth keeping.
      if (owned.pending === 0 && owned.doc === null && this.#slots.get(id) === owned) this.#slots.delete(id);
      this.#trim();
    });
  }

  /** Drops idle cached documents beyond the cache size, least recently used first. */
  #trim(): void {
    for (const [id, slot] of this.#slots) {
      if (this.#slots.size <= this.#cacheSize) break;
      if (slot.pending === 0) this.#slots.delete(id);
    }
  }

  /** The committed document of form `id`, read from its file if it is not cached. */
  async #load(id: string, slot: Slot): Promise<FormDocument> {
    if (!this.#summaries.has(id)) throw formNotFound(id);
    if (slot.doc) return slot.doc;
    const file = this.#file(id);
    // Read through a fresh lowdb instance: no write to this file can be pending (we hold its queue).
    const db = new Low<FormDocument | null>(new JSONFile<FormDocument | null>(file), null);
    try {
      await db.read();
    } catch (error) {
      throw corrupt(file, `无法读取（${(error as Error).message}）`, error);
    }
    if (db.data === null) throw corrupt(file, '文件不见了');
    const doc = checkDocument(file, id, db.data);
    slot.db = db as Low<FormDocument>;
    slot.doc = doc;
    return doc;
  }

  /** Writes `next` as the file of form `id` and commits it once the rename is done. */
  async #commit(id: string, slot: Slot, next: FormDocument): Promise<FormDocument> {
    const db = slot.db ?? this.#lowFor(id, next);
    db.data = next;
    try {
      await db.write();
    } catch (error) {
      // The file holds the old or the new document; reread it on next use rather than guess.
      slot.db = null;
      slot.doc = null;
      throw new ZipingError('internal_error', `保存失败：无法写入数据文件 ${this.#file(id)}`, { cause: error });
    }
    slot.db = db;
    slot.doc = next;
    this.#summaries.set(id, summaryOf(next.record));
    return next;
  }

  /** Stores a new form as version 1. */
  async create(input: SaveInput): Promise<FormRecord> {
    let id = newFormId();
    while (this.#summaries.has(id) || this.#slots.has(id)) id = newFormId();
    const doc = newDocument(id, input);
    return this.#run(id, async (slot) => (await this.#commit(id, slot, doc)).record);
  }

  /** The current record. */
  async get(id: string): Promise<FormRecord> {
    if (!isFormId(id)) throw formNotFound(id);
    return this.#run(id, async (slot) => (await this.#load(id, slot)).record);
  }

  /** A page of summaries, newest update first. */
  async list(query: ListQuery = {}): Promise<FormPage> {
    return pageOf(this.#summaries.values(), query);
  }

  /** Saves a new version if `expectedVersion` is current. */
  async update(id: string, expectedVersion: number, input: SaveInput): Promise<FormRecord> {
    if (!isFormId(id)) throw formNotFound(id);
    return this.#run(id, async (slot) => {
      const next = updatedDocument(await this.#load(id, slot), expectedVersion, input);
      return (await this.#commit(id, slot, next)).record;
    });
  }

  /** Deletes the form's file if `expectedVersion` is current. */
  async delete(id: string, expectedVersion: number): Promise<void> {
    if (!isFormId(id)) throw formNotFound(id);
    return this.#run(id, async (slot) => {
      checkVersion(await this.#load(id, slot), expectedVersion);
      await unlink(this.#file(id));
      this.#summaries.delete(id);
      slot.db = null;
      slot.doc = null;
    });
  }

  /** Every saved version, oldest first. */
  async history(id: string): Promise<VersionEntry[]> {
    if (!isFormId(id)) throw formNotFound(id);
    return this.#run(id, async (slot) => historyOf(await this.#load(id, slot)));
  }

  /** One saved version with its form. */
  async getVersion(id: string, version: number): Promise<StoredVersion> {
    if (!isFormId(id)) throw formNotFound(id);
    return this.#run(id, async (slot) => versionOf(await this.#load(id, slot), version));
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
      const next = await this.#commit(id, slot, withChat(await this.#load(id, slot), path, turns));
      return next.chat[path] ?? [];
    });
  }

  /** Forgets a cell's chat. */
  async clearChat(id: string, path: NarrativePath): Promise<void> {
    checkNarrativePath(path);
    if (!isFormId(id)) throw formNotFound(id);
    await this.#run(id, async (slot) => {
      await this.#commit(id, slot, withoutChat(await this.#load(id, slot), path));
    });
  }

  /** Waits for pending writes, then releases the lock. Later calls fail. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await Promise.all([...this.#slots.values()].map((slot) => slot.tail));
    await this.#lock.release();
  }
}

/**
 * Reviews on disk for the Node server (issue #12): `reviews/<form id>.json` in the data folder, one
 * file per reviewed form, written whole to a temp file and renamed (a crash leaves the old or the
 * new file, never half of one). Files are read on first use and kept in memory. A file that does
 * not load is not guessed at (that could unlock a submitted form): its form's review answers
 * `store_corrupt` naming the file until someone fixes or removes it.
 */
import { mkdir, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ReviewRecordSchema } from '../core/review/record.js';
import type { ReviewStatus } from '../core/review/status.js';
import { deepFreeze } from './form-document.js';
import { isFormId } from './ids.js';
import { corrupt, parseJson } from './lowdb-files.js';
import {
  checkedReview,
  noReview,
  reviewConflict,
  statusesOf,
  type ReviewRecord,
  type ReviewRepository,
} from './review-repository.js';

export const REVIEWS_DIR = 'reviews';

export class LowdbReviewRepository implements ReviewRepository {
  readonly #dir: string;
  readonly #cache = new Map<string, ReviewRecord | null>();
  /** Saves run one at a time, so a revision check and its write are never interleaved. */
  #queue: Promise<unknown> = Promise.resolve();

  private constructor(dir: string) {
    this.#dir = dir;
  }

  /** The reviews of the data folder `dataDir` (created when missing). */
  static async open(dataDir: string): Promise<LowdbReviewRepository> {
    const dir = join(dataDir, REVIEWS_DIR);
    await mkdir(dir, { recursive: true });
    return new LowdbReviewRepository(dir);
  }

  #file(formId: string): string {
    return join(this.#dir, `${formId}.json`);
  }

  async #read(formId: string): Promise<ReviewRecord | null> {
    if (!isFormId(formId)) return null;
    if (this.#cache.has(formId)) return this.#cache.get(formId)!;
    const file = this.#file(formId);
    const text = await readFile(file, 'utf8').catch((e: NodeJS.ErrnoException) => {
      if (e.code === 'ENOENT') return null;
      throw e;
    });
    const record = text === null ? null : this.#parse(file, formId, text);
    this.#cache.set(formId, record);
    return record;
  }

  #parse(file: string, formId: string, text: string): ReviewRecord {
    const result = ReviewRecordSchema.safeParse(parseJson(file, text));
    if (!result.success) throw corrupt(file, `内容不符合审核记录格式（${result.error.issues[0]?.message}）`);
    if (result.data.formId !== formId) throw corrupt(file, `表单编号 ${result.data.formId} 与文件名不一致`);
    return deepFreeze(result.data);
  }

  /** The stored review or an empty one. */
  async get(formId: string): Promise<ReviewRecord> {
    return (await this.#read(formId)) ?? noReview(formId);
  }

  /** The status of each form. */
  async statuses(formIds: readonly string[]): Promise<Record<string, ReviewStatus>> {
    const found = new Map<string, ReviewStatus>();
    for (const id of formIds) {
      const record = await this.#read(id);
      if (record) found.set(id, record.status);
    }
    return statusesOf(formIds, found);
  }

  #serial<T>(work: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(work, work);
    this.#queue = run.catch(() => undefined);
    return run;
  }

  /** Stores `next` if its revision follows the stored one. */
  save(next: ReviewRecord): Promise<ReviewRecord> {
    return this.#serial(async () => {
      const record = checkedReview(next);
      if (!isFormId(record.formId)) throw reviewConflict(record.formId, record.revision - 1, 0);
      const current = (await this.#read(record.formId))?.revision ?? 0;
      if (current !== record.revision - 1) throw reviewConflict(record.formId, record.revision - 1, current);
      const file = this.#file(record.formId);
      const temp = `${file}.tmp`;
      await writeFile(temp, `${JSON.stringify(record, null, 2)}\n`);
      await rename(temp, file);
      this.#cache.set(record.formId, record);
      return record;
    });
  }

  /** Deletes a review's file. */
  remove(formId: string): Promise<void> {
    return this.#serial(async () => {
      if (!isFormId(formId)) return;
      await unlink(this.#file(formId)).catch((e: NodeJS.ErrnoException) => {
        if (e.code !== 'ENOENT') throw e;
      });
      this.#cache.set(formId, null);
    });
  }

  /** Waits for pending writes. */
  async close(): Promise<void> {
    await this.#queue;
  }
}

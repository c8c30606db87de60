/**
 * Reviews in Cloudflare D1 (issue #12), table `reviews` (migrations/0003_reviews.sql). A save is one
 * statement that checks the revision: an INSERT that does nothing when a row exists (first save) or
 * an UPDATE … WHERE revision = previous; no changed row means someone else saved first.
 */
import { ReviewRecordSchema } from '../core/review/record.js';
import type { ReviewStatus } from '../core/review/status.js';
import type { D1Database } from './d1-types.js';
import { deepFreeze } from './form-document.js';
import {
  checkedReview,
  noReview,
  reviewConflict,
  statusesOf,
  type ReviewRecord,
  type ReviewRepository,
} from './review-repository.js';

/** Ids per `IN (…)` query: D1 binds at most 100 parameters per statement. */
const IDS_PER_QUERY = 50;

export class D1ReviewRepository implements ReviewRepository {
  readonly #db: D1Database;

  constructor(db: D1Database) {
    this.#db = db;
  }

  /** The stored review or an empty one. */
  async get(formId: string): Promise<ReviewRecord> {
    const row = await this.#db
      .prepare('SELECT record FROM reviews WHERE form_id = ?')
      .bind(formId)
      .first<{ record: string }>();
    return row ? deepFreeze(ReviewRecordSchema.parse(JSON.parse(row.record))) : noReview(formId);
  }

  /** The status of each form, a few queries of up to 50 ids. */
  async statuses(formIds: readonly string[]): Promise<Record<string, ReviewStatus>> {
    const found = new Map<string, ReviewStatus>();
    for (let at = 0; at < formIds.length; at += IDS_PER_QUERY) {
      const ids = formIds.slice(at, at + IDS_PER_QUERY);
      const marks = ids.map(() => '?').join(', ');
      const { results } = await this.#db
        .prepare(`SELECT form_id, status FROM reviews WHERE form_id IN (${marks})`)
        .bind(...ids)
        .all<{ form_id: string; status: ReviewStatus }>();
      for (const row of results) found.set(row.form_id, row.status);
    }
    return statusesOf(formIds, found);
  }

  /** Stores `next` if its revision follows the stored one. */
  async save(next: ReviewRecord): Promise<ReviewRecord> {
    const record = checkedReview(next);
    const json = JSON.stringify(record);
    const statement =
      record.revision === 1
        ? this.#db
            .prepare(
              'INSERT INTO reviews (form_id, status, revision, record) VALUES (?, ?, 1, ?) ON CONFLICT DO NOTHING',
            )
            .bind(record.formId, record.status, json)
        : this.#db
            .prepare('UPDATE reviews SET status = ?, revision = ?, record = ? WHERE form_id = ? AND revision = ?')
            .bind(record.status, record.revision, json, record.formId, record.revision - 1);
    const result = await statement.run();
    if ((result.meta.changes ?? 0) === 1) return record;
    throw reviewConflict(record.formId, record.revision - 1, (await this.get(record.formId)).revision);
  }

  /** Deletes a review's row. */
  async remove(formId: string): Promise<void> {
    await this.#db.prepare('DELETE FROM reviews WHERE form_id = ?').bind(formId).run();
  }

  /** Nothing to release (the binding belongs to the Worker). */
  async close(): Promise<void> {}
}

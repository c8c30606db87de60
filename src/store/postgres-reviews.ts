/**
 * Reviews in PostgreSQL (issue #12), table `ziping_reviews` (migration 3), on the forms store's
 * pool. A save is one statement that checks the revision: INSERT … ON CONFLICT DO NOTHING for the
 * first save, UPDATE … WHERE revision = previous after; no row changed means someone saved first.
 */
import type pg from 'pg';
import { ReviewRecordSchema } from '../core/review/record.js';
import type { ReviewStatus } from '../core/review/status.js';
import { deepFreeze } from './form-document.js';
import {
  checkedReview,
  noReview,
  reviewConflict,
  statusesOf,
  type ReviewRecord,
  type ReviewRepository,
} from './review-repository.js';

export class PostgresReviewRepository implements ReviewRepository {
  readonly #pool: pg.Pool;

  /** Reviews on `pool`, whose database the forms store has migrated. */
  constructor(pool: pg.Pool) {
    this.#pool = pool;
  }

  /** The stored review or an empty one. */
  async get(formId: string): Promise<ReviewRecord> {
    const { rows } = await this.#pool.query<{ record: unknown }>(
      'SELECT record FROM ziping_reviews WHERE form_id = $1',
      [formId],
    );
    return rows[0] ? deepFreeze(ReviewRecordSchema.parse(rows[0].record)) : noReview(formId);
  }

  /** The status of each form, in one query. */
  async statuses(formIds: readonly string[]): Promise<Record<string, ReviewStatus>> {
    const { rows } = await this.#pool.query<{ form_id: string; status: ReviewStatus }>(
      'SELECT form_id, status FROM ziping_reviews WHERE form_id = ANY($1::text[])',
      [[...formIds]],
    );
    return statusesOf(formIds, new Map(rows.map((r) => [r.form_id, r.status])));
  }

  /** Stores `next` if its revision follows the stored one. */
  async save(next: ReviewRecord): Promise<ReviewRecord> {
    const record = checkedReview(next);
    const json = JSON.stringify(record);
    const result =
      record.revision === 1
        ? await this.#pool.query(
            `INSERT INTO ziping_reviews (form_id, status, revision, record) VALUES ($1, $2, 1, $3)
             ON CONFLICT (form_id) DO NOTHING`,
            [record.formId, record.status, json],
          )
        : await this.#pool.query(
            'UPDATE ziping_reviews SET status = $1, revision = $2, record = $3 WHERE form_id = $4 AND revision = $5',
            [record.status, record.revision, json, record.formId, record.revision - 1],
          );
    if (result.rowCount === 1) return record;
    throw reviewConflict(record.formId, record.revision - 1, (await this.get(record.formId)).revision);
  }

  /** Deletes a review's row. */
  async remove(formId: string): Promise<void> {
    await this.#pool.query('DELETE FROM ziping_reviews WHERE form_id = $1', [formId]);
  }

  /** Nothing to release: the pool belongs to the forms store. */
  async close(): Promise<void> {}
}

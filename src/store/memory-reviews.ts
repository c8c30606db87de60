/** Reviews in a Map (issue #12): for unit tests and runtimes without storage. */
import type { ReviewStatus } from '../core/review/status.js';
import {
  checkedReview,
  noReview,
  reviewConflict,
  statusesOf,
  type ReviewRecord,
  type ReviewRepository,
} from './review-repository.js';

export class MemoryReviewRepository implements ReviewRepository {
  readonly #records = new Map<string, ReviewRecord>();

  /** The stored review or an empty one. */
  async get(formId: string): Promise<ReviewRecord> {
    return this.#records.get(formId) ?? noReview(formId);
  }

  /** The status of each form. */
  async statuses(formIds: readonly string[]): Promise<Record<string, ReviewStatus>> {
    const found = new Map<string, ReviewStatus>();
    for (const id of formIds) {
      const record = this.#records.get(id);
      if (record) found.set(id, record.status);
    }
    return statusesOf(formIds, found);
  }

  /** Stores `next` if its revision follows the stored one. */
  async save(next: ReviewRecord): Promise<ReviewRecord> {
    const record = checkedReview(next);
    const current = this.#records.get(record.formId)?.revision ?? 0;
    if (current !== record.revision - 1) throw reviewConflict(record.formId, record.revision - 1, current);
    this.#records.set(record.formId, record);
    return record;
  }

  /** Forgets a review. */
  async remove(formId: string): Promise<void> {
    this.#records.delete(formId);
  }

  /** Nothing to release. */
  async close(): Promise<void> {}
}

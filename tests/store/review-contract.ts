/**
 * The behaviours every ReviewRepository must have (issue #12), as one table run against each store
 * (memory, lowdb, PostgreSQL, and D1 in workerd), so the stores cannot drift apart. Records are made
 * with core's pure steps, as the routes make them.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyMarks, applyTransition, emptyReview, type ReviewRecord } from '../../src/core/review/index.js';
import type { ReviewRepository } from '../../src/store/review-repository.js';
import { seedForm } from '../support/seed-forms.js';
import { expectZipingError } from './repository-contract.js';

export interface ReviewStoreUnderTest {
  reviews: ReviewRepository;
  dispose(): Promise<void>;
}

const AT = new Date('2024-04-01T08:00:00.000Z');
const ID = 'a1b2c3d4e5f6g7h8';
const OTHER = 'z9y8x7w6v5t4s3r2';

const submit = (r: ReviewRecord, formVersion = 1) =>
  applyTransition(r, { action: 'submit', by: '张填报', at: AT, formVersion });

/** Registers the shared behaviour table for the review store made by `open`. */
export function describeReviewContract(name: string, open: () => Promise<ReviewStoreUnderTest>): void {
  describe(`${name}: ReviewRepository behaviours`, () => {
    let subject: ReviewStoreUnderTest;
    let reviews: ReviewRepository;
    beforeEach(async () => {
      subject = await open();
      reviews = subject.reviews;
    });
    afterEach(async () => {
      await subject.dispose();
    });

    it('answers an empty 草稿 review for a form never submitted', async () => {
      expect(await reviews.get(ID)).toEqual(emptyReview(ID));
      expect(await reviews.statuses([ID, OTHER])).toEqual({ [ID]: 'draft', [OTHER]: 'draft' });
      expect(await reviews.statuses([])).toEqual({});
    });

    it('stores each step and reads it back whole, marks and reasons included', async () => {
      const submitted = await reviews.save(submit(emptyReview(ID)));
      expect(submitted.revision).toBe(1);
      const marks = {
        rows: [{ index: 6, score: 2, comment: '偏差原因不充分' }],
        overall: { score: 86, comment: '较好' },
      };
      const marked = await reviews.save(applyMarks(submitted, marks, seedForm(), AT));
      const returned = applyTransition(marked, {
        action: 'return',
        by: '李审核',
        at: AT,
        formVersion: 1,
        reasons: ['第7行偏差原因未说明超出原因'],
      });
      await reviews.save(returned);
      const read = await reviews.get(ID);
      expect(read).toEqual(returned);
      expect(read.status).toBe('returned');
      expect(read.rows).toEqual([{ index: 6, score: 2, comment: '偏差原因不充分' }]);
      expect(read.transitions.map((t) => [t.action, t.by, t.reasons])).toEqual([
        ['submit', '张填报', []],
        ['return', '李审核', ['第7行偏差原因未说明超出原因']],
      ]);
      expect(await reviews.statuses([OTHER, ID])).toEqual({ [OTHER]: 'draft', [ID]: 'returned' });
    });

    it('refuses a save whose revision is not the next one, and keeps the winner', async () => {
      const first = await reviews.save(submit(emptyReview(ID)));
      // Two reviewers read revision 1; the first to save wins
      const accept = applyTransition(first, { action: 'accept', by: '甲', at: AT, formVersion: 1 });
      const giveBack = applyTransition(first, {
        action: 'return',
        by: '乙',
        at: AT,
        formVersion: 1,
        reasons: ['重填'],
      });
      await reviews.save(accept);
      const error = await expectZipingError(reviews.save(giveBack), 'version_conflict');
      expect(error.details).toMatchObject({ expectedRevision: 1, currentRevision: 2 });
      expect((await reviews.get(ID)).status).toBe('accepted');
      // A second first save is a conflict too (someone submitted meanwhile)
      await expectZipingError(reviews.save(submit(emptyReview(ID))), 'version_conflict');
    });

    it('hands out frozen records', async () => {
      await reviews.save(submit(emptyReview(ID)));
      const read = await reviews.get(ID);
      expect(Object.isFrozen(read)).toBe(true);
      expect(Object.isFrozen(read.transitions)).toBe(true);
    });

    it('forgets a removed review; removing one that is not there is fine', async () => {
      await reviews.save(submit(emptyReview(ID)));
      await reviews.save(submit(emptyReview(OTHER)));
      await reviews.remove(ID);
      await reviews.remove(ID);
      expect(await reviews.get(ID)).toEqual(emptyReview(ID));
      expect(await reviews.statuses([ID, OTHER])).toEqual({ [ID]: 'draft', [OTHER]: 'submitted' });
      // A removed form's review starts again from revision 1
      expect((await reviews.save(submit(emptyReview(ID)))).revision).toBe(1);
    });

    it('reads the statuses of a full list page at once', async () => {
      const ids = Array.from({ length: 120 }, (_, i) => `f${String(i).padStart(15, '0')}`);
      for (const id of ids.filter((_, i) => i % 3 === 0)) await reviews.save(submit(emptyReview(id)));
      const statuses = await reviews.statuses(ids);
      expect(Object.keys(statuses)).toHaveLength(120);
      expect(ids.filter((id) => statuses[id] === 'submitted')).toHaveLength(40);
    });
  });
}

/** The D1 review store in workerd against the same behaviour table as the Node review stores. */
import { D1ReviewRepository } from '../../src/store/d1-reviews.js';
import { describeReviewContract } from '../store/review-contract.js';
import { freshD1, resetD1 } from './d1.js';

describeReviewContract('D1 reviews (workerd)', async () => {
  const reviews = new D1ReviewRepository(await freshD1());
  return {
    reviews,
    dispose: async () => {
      await reviews.close();
      await resetD1();
    },
  };
});

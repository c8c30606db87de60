/** The review stores on Node (memory, lowdb on a temp folder, PostgreSQL when given) against one table. */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { applyTransition, emptyReview } from '../../src/core/review/index.js';
import { LowdbReviewRepository } from '../../src/store/lowdb-reviews.js';
import { MemoryReviewRepository } from '../../src/store/memory-reviews.js';
import { PostgresFormRepository } from '../../src/store/postgres-repository.js';
import { PostgresReviewRepository } from '../../src/store/postgres-reviews.js';
import { describeWithPostgres, dropSchema, freshSchemaName, TEST_DATABASE_URL } from '../support/postgres.js';
import { makeTempDir, removeDir } from '../support/temp-dir.js';
import { expectZipingError } from './repository-contract.js';
import { describeReviewContract } from './review-contract.js';

describeReviewContract('memory reviews', async () => {
  const reviews = new MemoryReviewRepository();
  return { reviews, dispose: () => reviews.close() };
});

describeReviewContract('lowdb reviews', async () => {
  const dir = await makeTempDir();
  const reviews = await LowdbReviewRepository.open(dir);
  return {
    reviews,
    async dispose() {
      await reviews.close();
      await removeDir(dir);
    },
  };
});

describeWithPostgres('PostgreSQL reviews', () => {
  describeReviewContract('postgres reviews', async () => {
    const schema = freshSchemaName();
    const forms = await PostgresFormRepository.open({ connectionString: TEST_DATABASE_URL, schema });
    return {
      reviews: new PostgresReviewRepository(forms.pool),
      async dispose() {
        await forms.close();
        await dropSchema(schema);
      },
    };
  });
});

describe('lowdb reviews on disk', () => {
  const dirs: string[] = [];
  afterEach(async () => {
    for (const dir of dirs.splice(0)) await removeDir(dir);
  });
  const id = 'a1b2c3d4e5f6g7h8';
  const submitted = applyTransition(emptyReview(id), { action: 'submit', by: '张', at: new Date(), formVersion: 1 });

  it('keeps reviews across a restart in reviews/<id>.json', async () => {
    const dir = await makeTempDir();
    dirs.push(dir);
    const first = await LowdbReviewRepository.open(dir);
    await first.save(submitted);
    await first.close();
    const onDisk = JSON.parse(await readFile(join(dir, 'reviews', `${id}.json`), 'utf8'));
    expect(onDisk).toMatchObject({ formId: id, status: 'submitted', revision: 1 });
    const second = await LowdbReviewRepository.open(dir);
    expect(await second.get(id)).toEqual(submitted);
  });

  it('answers store_corrupt naming a file that does not load, never a guessed 草稿 that would unlock the form', async () => {
    const dir = await makeTempDir();
    dirs.push(dir);
    const first = await LowdbReviewRepository.open(dir);
    await first.save(submitted);
    await writeFile(join(dir, 'reviews', `${id}.json`), '{"formId": "a1b2c3d4e5f6g7h8", "status": "草稿"');
    const second = await LowdbReviewRepository.open(dir);
    const error = await expectZipingError(second.get(id), 'store_corrupt');
    expect(error.message).toContain(`${id}.json`);
  });
});

/** The D1 store in workerd against the same behaviour table as the memory and lowdb stores. */
import { afterEach, describe, expect, it } from 'vitest';
import { D1FormRepository } from '../../src/store/d1-repository.js';
import type { D1Database } from '../../src/store/d1-types.js';
import type { FormRecord } from '../../src/store/repository.js';
import { saveInputFor, seedForm } from '../support/seed-forms.js';
import { MAX_HISTORY_PER_CELL } from '../../src/core/limits.js';
import {
  describeRepositoryContract,
  expectZipingError,
  HISTORY_OVERFLOW,
  HISTORY_SAVES,
  saveCellRepeatedly,
} from '../store/repository-contract.js';
import { freshD1, resetD1 } from './d1.js';

describeRepositoryContract('D1 store (workerd)', async () => {
  const store = new D1FormRepository(await freshD1());
  return {
    store,
    dispose: async () => {
      await store.close();
      await resetD1();
    },
  };
});

describe('D1 store: the version check and the writes are one batch', () => {
  afterEach(resetD1);

  it('a save that read version 1 but reached the database second gets 409 and writes nothing', async () => {
    const db = await freshD1();
    const other = new D1FormRepository(db);
    let raced = false;
    // The same database, but another edge location saves between this store's read and its batch
    const racing: D1Database = {
      prepare: (sql) => db.prepare(sql),
      batch: async (statements) => {
        if (!raced && created) {
          raced = true;
          await other.update(created.id, 1, saveInputFor(seedForm({ name: '另一处的保存' })));
        }
        return db.batch(statements);
      },
    };
    const store = new D1FormRepository(racing);
    let created: FormRecord | undefined;
    created = await other.create(saveInputFor(seedForm()));

    const error = await expectZipingError(
      store.update(created.id, 1, saveInputFor(seedForm({ name: '迟到的保存' }))),
      'version_conflict',
    );
    expect(raced).toBe(true);
    expect(error.details).toMatchObject({ expectedVersion: 1, currentVersion: 2 });
    expect((await store.get(created.id)).form.project.name).toBe('另一处的保存');
    expect((await store.history(created.id)).map((v) => v.version)).toEqual([1, 2]);
    const texts = Object.values(await store.narratives(created.id))
      .flat()
      .map((e) => e!.version);
    expect(texts.every((v) => v <= 2)).toBe(true);
  });
});

describe('D1 store: a save costs the same few statements however many cells it changes', () => {
  afterEach(resetD1);

  it('stores 120 changed narrative cells of one save, in row order, in a handful of statements', async () => {
    const db = await freshD1();
    let statements = 0;
    // The real database, counting the statements the store prepares (D1 caps them per invocation)
    const store = new D1FormRepository({
      prepare: (sql) => {
        statements++;
        return db.prepare(sql);
      },
      batch: (list) => db.batch(list),
    });
    const form = seedForm();
    const rows = Array.from({ length: 120 }, (_, i) => ({
      ...structuredClone(form.indicators[i % 15]!),
      deviation: `第${i}行的偏差说明`,
    }));
    const big = { ...form, indicators: rows };
    const created = await store.create(saveInputFor(big));
    expect(statements).toBeLessThanOrEqual(3);
    const narratives = await store.narratives(created.id);
    const paths = Object.keys(narratives).filter((p) => p.startsWith('indicators.'));
    expect(paths).toEqual(rows.map((_, i) => `indicators.${i}.deviation`));
    expect(narratives['indicators.119.deviation']![0]).toMatchObject({
      version: 1,
      text: '第119行的偏差说明',
      origin: { kind: 'human' },
    });
  });
});

describe('D1 store: a cell keeps its newest entries (the limit) in the table, not only in what is read', () => {
  afterEach(resetD1);

  it('deletes the rows of a cell past the newest MAX_HISTORY_PER_CELL with the save that adds one', async () => {
    const db = await freshD1();
    const store = new D1FormRepository(db);
    const id = await saveCellRepeatedly(store, HISTORY_SAVES);
    const rows = await db
      .prepare(
        `SELECT path, count(*) AS n, min(version) AS oldest, max(version) AS newest
         FROM narrative_entries WHERE form_id = ? GROUP BY path ORDER BY path`,
      )
      .bind(id)
      .all<{ path: string; n: number; oldest: number; newest: number }>();
    expect(rows.results.filter((r) => r.path === 'goals.actual')).toEqual([
      { path: 'goals.actual', n: MAX_HISTORY_PER_CELL, oldest: HISTORY_OVERFLOW + 1, newest: HISTORY_SAVES },
    ]);
    expect(rows.results.find((r) => r.path === 'indicators.1.deviation')).toMatchObject({ n: 1, oldest: 1 });
    const versions = await db.prepare('SELECT count(*) AS n FROM form_versions WHERE form_id = ?').bind(id).first();
    expect(versions).toEqual({ n: HISTORY_SAVES });
  });
});

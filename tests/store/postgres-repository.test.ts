/**
 * The PostgreSQL store on a real server: the shared behaviour table, then what only a shared
 * database has: migrations applied once by concurrent starts, two stores (two servers) on one
 * database with a stale save refused on either, history stored as patches.
 */
import pg from 'pg';
import { afterEach, expect, it } from 'vitest';
import { MIGRATIONS } from '../../src/store/postgres-migrations.js';
import { PostgresFormRepository } from '../../src/store/postgres-repository.js';
import { saveInputFor, seedForm } from '../support/seed-forms.js';
import { describeWithPostgres, dropSchema, freshSchemaName, TEST_DATABASE_URL } from '../support/postgres.js';
import { MAX_HISTORY_PER_CELL } from '../../src/core/limits.js';
import {
  describeRepositoryContract,
  expectZipingError,
  HISTORY_OVERFLOW,
  HISTORY_SAVES,
  saveCellRepeatedly,
} from './repository-contract.js';

describeWithPostgres('PostgreSQL store', () => {
  describeRepositoryContract('postgres store', async () => {
    const schema = freshSchemaName();
    const store = await PostgresFormRepository.open({ connectionString: TEST_DATABASE_URL, schema });
    return {
      store,
      async dispose() {
        await store.close();
        await dropSchema(schema);
      },
    };
  });

  const schemas: string[] = [];
  const stores: PostgresFormRepository[] = [];
  const openStore = async (schema: string): Promise<PostgresFormRepository> => {
    const store = await PostgresFormRepository.open({ connectionString: TEST_DATABASE_URL, schema });
    stores.push(store);
    return store;
  };
  afterEach(async () => {
    await Promise.all(stores.splice(0).map((s) => s.close()));
    for (const schema of schemas.splice(0)) await dropSchema(schema);
  });

  it('migrates once when several servers start at the same time, and again never', async () => {
    const schema = freshSchemaName();
    schemas.push(schema);
    await Promise.all(Array.from({ length: 4 }, () => openStore(schema)));
    await openStore(schema);
    const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await client.connect();
    try {
      const { rows } = await client.query(`SELECT version, name FROM ${schema}.ziping_migrations ORDER BY version`);
      expect(rows).toEqual(MIGRATIONS.map((m) => ({ version: m.version, name: m.name })));
    } finally {
      await client.end();
    }
  });

  it('shares forms between two stores on one database; a stale save on either is a conflict', async () => {
    const schema = freshSchemaName();
    schemas.push(schema);
    const a = await openStore(schema);
    const b = await openStore(schema);
    const created = await a.create(saveInputFor(seedForm({ name: '共享' })));
    expect((await b.get(created.id)).form.project.name).toBe('共享');
    await b.update(created.id, 1, saveInputFor(seedForm({ name: '乙先保存' })));
    const error = await expectZipingError(
      a.update(created.id, 1, saveInputFor(seedForm({ name: '甲后保存' }))),
      'version_conflict',
    );
    expect(error.details).toMatchObject({ expectedVersion: 1, currentVersion: 2 });

    // Both at once on version 2: exactly one wins, whichever server it reached.
    const results = await Promise.allSettled([
      a.update(created.id, 2, saveInputFor(seedForm({ name: '甲' }))),
      b.update(created.id, 2, saveInputFor(seedForm({ name: '乙' }))),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect((await a.history(created.id)).map((h) => h.version)).toEqual([1, 2, 3]);
    await expectZipingError(b.delete(created.id, 2), 'version_conflict');
  });

  it('keeps history lines as patches, not a copy of the form per version', async () => {
    const schema = freshSchemaName();
    schemas.push(schema);
    const store = await openStore(schema);
    const created = await store.create(saveInputFor(seedForm()));
    for (let v = 1; v <= 5; v += 1) await store.update(created.id, v, saveInputFor(seedForm({ name: `第${v + 1}版` })));
    const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await client.connect();
    try {
      const { rows } = await client.query(
        `SELECT version, length(line::text) AS size FROM ${schema}.ziping_versions WHERE form_id = $1 ORDER BY version`,
        [created.id],
      );
      const formSize = JSON.stringify(seedForm()).length;
      expect(rows.map((r) => r.version)).toEqual([1, 2, 3, 4, 5, 6]);
      for (const row of rows) expect(row.size).toBeLessThan(formSize / 5);
    } finally {
      await client.end();
    }
    expect((await store.getVersion(created.id, 1)).form).toEqual(seedForm());
    expect((await store.getVersion(created.id, 4)).form.project.name).toBe('第4版');
  });

  it('stores a cell’s newest entries (the limit) in the row, not only in what is read', async () => {
    const schema = freshSchemaName();
    schemas.push(schema);
    const store = await openStore(schema);
    const id = await saveCellRepeatedly(store, HISTORY_SAVES);
    const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await client.connect();
    try {
      const { rows } = await client.query(
        `SELECT json_array_length(narratives->'goals.actual') AS n, narratives->'goals.actual'->0->>'version' AS oldest,
           (SELECT count(*)::int FROM ${schema}.ziping_versions v WHERE v.form_id = f.id) AS versions
         FROM ${schema}.ziping_forms f WHERE id = $1`,
        [id],
      );
      const oldest = String(HISTORY_OVERFLOW + 1);
      expect(rows).toEqual([{ n: MAX_HISTORY_PER_CELL, oldest, versions: HISTORY_SAVES }]);
    } finally {
      await client.end();
    }
  });

  it('refuses to start with a clear error naming the database but not the password', async () => {
    const url = new URL(TEST_DATABASE_URL);
    url.password = 'wrong-password-xyz';
    const error = await expectZipingError(
      PostgresFormRepository.open({ connectionString: url.toString() }),
      'internal_error',
    );
    expect(error.message).toContain(`${url.host}${url.pathname}`);
    expect(error.message).not.toContain('wrong-password-xyz');
  });
});

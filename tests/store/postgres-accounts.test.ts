/** The account behaviours on a real PostgreSQL (issue #12), plus form units filtered in SQL. */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ZipingError } from '../../src/core/errors.js';
import type { AccountRepository } from '../../src/store/accounts.js';
import { PostgresFormRepository } from '../../src/store/postgres-repository.js';
import { describeWithPostgres, dropSchema, freshSchemaName, TEST_DATABASE_URL } from '../support/postgres.js';
import { describeAccountContract } from './account-contract.js';

const T0 = new Date('2026-03-01T08:00:00Z');
const LATER = new Date('2026-03-02T08:00:00Z');

async function codeOf(work: Promise<unknown>): Promise<string> {
  return work.then(
    () => 'ok',
    (error: unknown) => (error instanceof ZipingError ? error.code : String(error)),
  );
}

/** Resolves once `count` lock requests wait (pg_locks is read live, even inside the watcher's transaction). */
async function waitingForLocks(watcher: pg.Client, count: number): Promise<void> {
  for (let i = 0; i < 500; i += 1) {
    const { rows } = await watcher.query<{ n: string }>('SELECT count(*) AS n FROM pg_locks WHERE NOT granted');
    if (Number(rows[0]!.n) >= count) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`fewer than ${count} statements waited for the revoke’s lock`);
}

describeWithPostgres('PostgreSQL accounts', () => {
  describeAccountContract('postgres store', async () => {
    const schema = freshSchemaName();
    const store = await PostgresFormRepository.open({ connectionString: TEST_DATABASE_URL, schema });
    return {
      accounts: store.accounts(),
      async dispose() {
        await store.close();
        await dropSchema(schema);
      },
    };
  });

  // Two servers at once: a sign-in and a new token arrive while an administrator's revoke holds the
  // user's row. Neither may slip in under the revoke, or a later restore would bring it back.
  describe('a token or session made during a revoke', () => {
    const schema = freshSchemaName();
    let store: PostgresFormRepository;
    let accounts: AccountRepository;
    let revoker: pg.Client;
    beforeAll(async () => {
      store = await PostgresFormRepository.open({ connectionString: TEST_DATABASE_URL, schema });
      accounts = store.accounts();
      revoker = new pg.Client({ connectionString: TEST_DATABASE_URL, options: `-c search_path=${schema}` });
      await revoker.connect();
    });
    afterAll(async () => {
      await revoker.end();
      await store.close();
      await dropSchema(schema);
    });

    it('waits for the revoke, is refused, and stays dead after a restore', async () => {
      const user = await accounts.createUser({
        name: '张三',
        unit: '财务处',
        role: 'filler',
        passwordHash: null,
        at: T0,
      });
      await revoker.query('BEGIN');
      await revoker.query('SELECT id FROM ziping_users WHERE id = $1 FOR UPDATE', [user.id]);
      const session = codeOf(accounts.addSession({ hash: 's-race', userId: user.id, at: T0, expiresAt: LATER }));
      const token = codeOf(accounts.addToken(user.id, 't-race', T0));
      await waitingForLocks(revoker, 2);
      await revoker.query('UPDATE ziping_users SET disabled_at = $2 WHERE id = $1', [user.id, T0.toISOString()]);
      await revoker.query('COMMIT');
      expect([await session, await token]).toEqual(['account_disabled', 'account_disabled']);
      await accounts.restoreUser(user.id);
      expect(await accounts.userBySession('s-race', T0)).toBeNull();
      expect(await accounts.userByToken('t-race')).toBeNull();
    });
  });
});

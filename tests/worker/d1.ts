/** A fresh D1 database for each Workers test: migrations applied before, everything deleted after. */
import { applyD1Migrations, env, reset } from 'cloudflare:test';
import type { D1Database } from '../../src/store/d1-types.js';

/** The test's D1 binding with the tables of migrations/ in place. */
export async function freshD1(): Promise<D1Database> {
  await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);
  return env.DB;
}

/** Deletes what the test stored, migrations included (the next freshD1 applies them again). */
export function resetD1(): Promise<void> {
  return reset();
}

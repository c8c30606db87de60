/**
 * The real PostgreSQL the tests use: `ZIPING_TEST_DATABASE_URL` (scripts/ci-postgres.sh prints one).
 * Each store under test gets a fresh schema, dropped afterwards. Without the URL the PostgreSQL
 * tests skip locally with a message, and fail in CI (CI=true), so they never vanish silently there.
 */
import pg from 'pg';
import { describe, it } from 'vitest';

export const TEST_DATABASE_URL = process.env.ZIPING_TEST_DATABASE_URL || '';
const IN_CI = process.env.CI === 'true' || process.env.CI === '1';

/** `describe` when a test database is set; otherwise a skip notice, or a failing test in CI. */
export function describeWithPostgres(name: string, body: () => void): void {
  if (TEST_DATABASE_URL) {
    describe(name, body);
  } else if (IN_CI) {
    describe(name, () => {
      it('needs ZIPING_TEST_DATABASE_URL in CI', () => {
        throw new Error(
          'ZIPING_TEST_DATABASE_URL is not set: .ci/run must export it (scripts/ci-postgres.sh prints it)',
        );
      });
    });
  } else {
    console.warn(
      `[skip] ${name}: set ZIPING_TEST_DATABASE_URL (scripts/ci-postgres.sh prints one) to run the PostgreSQL tests`,
    );
    describe.skip(name, body);
  }
}

/** A schema name no other test uses. */
export function freshSchemaName(): string {
  return `ziping_t_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
}

/** Drops `schema` and everything in it. */
export async function dropSchema(schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  } finally {
    await client.end();
  }
}

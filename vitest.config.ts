import { defineConfig } from 'vitest/config';

// The HTTP contract tests run a second time with the Node server on PostgreSQL when a test database
// is given (scripts/ci-postgres.sh prints one); in CI its absence fails tests/store/postgres-repository.
const postgresHttp = process.env.ZIPING_TEST_DATABASE_URL
  ? [{
      extends: true as const,
      test: { name: 'postgres-http', include: ['tests/service/routes.test.ts', 'tests/service/drafts.test.ts'], env: { ZIPING_TEST_STORE: 'postgres' } },
    }]
  : [];

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    projects: [{ extends: true, test: { name: 'node', include: ['tests/**/*.test.ts'] } }, ...postgresHttp],
  },
});

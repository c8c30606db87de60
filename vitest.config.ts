import { existsSync, mkdirSync } from 'node:fs';
import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-pool-workers';
import { defineConfig } from 'vitest/config';

// The HTTP contract tests run a second time with the Node server on PostgreSQL when a test database
// is given (scripts/ci-postgres.sh prints one); in CI its absence fails tests/store/postgres-repository.
const postgresHttp = process.env.ZIPING_TEST_DATABASE_URL
  ? [
      {
        extends: true as const,
        test: {
          name: 'postgres-http',
          include: [
            'tests/service/routes.test.ts',
            'tests/service/drafts.test.ts',
            'tests/service/review-workflow.test.ts',
            'tests/service/audit-quotas.test.ts',
          ],
          env: { ZIPING_TEST_STORE: 'postgres' },
        },
      },
    ]
  : [];

// Two projects in one run, so `npm test` and its JSON report count both:
//   node     everything under tests/ on Node (forks)
//   workers  tests/worker/** inside workerd: the Worker entry from wrangler.toml with a local D1
export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: { name: 'node', include: ['tests/**/*.test.ts'], exclude: ['tests/worker/**'], pool: 'forks' },
      },
      ...postgresHttp,
      {
        extends: true,
        plugins: [
          cloudflareTest(async () => {
            // Static Assets need the folder to exist; the page itself is tested on Node (tests/e2e)
            if (!existsSync('dist/web')) mkdirSync('dist/web', { recursive: true });
            return {
              main: './src/entry/worker.ts',
              wrangler: { configPath: './wrangler.toml' },
              miniflare: { bindings: { TEST_MIGRATIONS: await readD1Migrations('migrations') } },
            };
          }),
        ],
        test: { name: 'workers', include: ['tests/worker/**/*.test.ts'] },
      },
    ],
  },
});

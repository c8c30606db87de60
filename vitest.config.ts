import { existsSync, mkdirSync } from 'node:fs';
import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-pool-workers';
import { defineConfig } from 'vitest/config';

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

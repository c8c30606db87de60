#!/usr/bin/env node
// `PORT=P npm run dev:worker [-- wrangler dev options]`: the Worker in local workerd on 127.0.0.1:P
// (default 8787) with a local D1. Builds the page into dist/web (Static Assets), applies
// migrations/ to the local D1, then runs `wrangler dev --local`. Model settings: wrangler's
// `--var NAME:VALUE`, or a `.dev.vars` file (OPENAI_API_KEY=…) as for `wrangler secret put`.
// ZIPING_D1_DIR moves the local database (default .wrangler/state), e.g. for tests.
import { spawn, spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const wrangler = join(root, 'node_modules', 'wrangler', 'bin', 'wrangler.js');
const port = process.env.PORT || '8787';
const persist = process.env.ZIPING_D1_DIR ? ['--persist-to', process.env.ZIPING_D1_DIR] : [];

function step(args, what) {
  const result = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit', env: { ...process.env, CI: '1' } });
  if (result.status !== 0) {
    console.error(`dev:worker: ${what} failed (exit ${result.status ?? result.signal})`);
    process.exit(result.status || 1);
  }
}

step([join(root, 'bin', 'run-ts.js'), 'scripts/build-web.ts', 'dist/web'], 'building the page');
step([wrangler, 'd1', 'migrations', 'apply', 'DB', '--local', ...persist], 'applying D1 migrations');

const dev = spawn(
  process.execPath,
  [wrangler, 'dev', '--local', '--ip', '127.0.0.1', '--port', port, ...persist, ...process.argv.slice(2)],
  {
    cwd: root,
    stdio: 'inherit',
  },
);
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => dev.kill(signal));
dev.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));

/**
 * The production build on a copy of the project (as a fresh clone with its dependencies
 * installed): `npm run build` compiles to dist/server and writes the page to dist/web; the
 * compiled `ziping` then scores and serves the prebuilt page without loading tsx or esbuild.
 */
import { execFile, spawn } from 'node:child_process';
import { cpSync, existsSync, readFileSync, symlinkSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEED_PATH } from '../support/seed.js';
import { makeTempDir, removeDir } from '../support/temp-dir.js';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../../', import.meta.url));
const FORBID = fileURLToPath(new URL('../support/forbid-dev-tools.mjs', import.meta.url));
const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' };

let copy: string;
beforeAll(async () => {
  copy = await makeTempDir('ziping-build-');
  for (const part of ['src', 'scripts', 'bin', 'prompts', 'package.json'])
    cpSync(join(root, part), join(copy, part), { recursive: true });
  symlinkSync(join(root, 'node_modules'), join(copy, 'node_modules'));
}, 60_000);
afterAll(async () => {
  if (copy) await removeDir(copy);
});

const build = (...args: string[]) =>
  run(process.execPath, ['scripts/build.js', ...args], { cwd: copy, env, encoding: 'utf8' });

describe('npm run build and the compiled program', () => {
  it('compiles the server and writes the page with its headers, then skips a build that is current', async () => {
    expect((await build('--if-stale')).stdout).toMatch(/build: \d+ files to dist\/server/);
    expect(existsSync(join(copy, 'dist/server/cli/main.js'))).toBe(true);
    expect(readFileSync(join(copy, 'dist/web/index.html'), 'utf8')).toMatch(
      /<script type="module" src="\/assets\/app-[^"]+\.js"/,
    );
    expect(readFileSync(join(copy, 'dist/web/_headers'), 'utf8')).toContain(
      "Content-Security-Policy: default-src 'self'",
    );
    expect((await build('--if-stale')).stdout).toContain('dist/ is current');
    // An edited source makes the build stale again
    const later = new Date(Date.now() + 5000);
    utimesSync(join(copy, 'src/core/errors.ts'), later, later);
    expect((await build('--if-stale')).stdout).toMatch(/build: \d+ files/);
  });

  it('scores with the compiled command, loading no development tool', async () => {
    const { stdout } = await run(process.execPath, ['--import', FORBID, 'bin/ziping.js', 'score', SEED_PATH], {
      cwd: copy,
      env,
      encoding: 'utf8',
    });
    expect(stdout).toContain('核定总分 87.50  自评总分 89.00  等级 良');
  });

  it('serves the prebuilt page and the API from compiled JavaScript', async () => {
    const child = spawn(
      process.execPath,
      ['--import', FORBID, 'bin/ziping.js', 'serve', '--port', '0', '--data', join(copy, 'data')],
      { cwd: copy, env },
    );
    try {
      let output = '';
      const url = await new Promise<string>((resolve, reject) => {
        child.stdout.on('data', (chunk: Buffer) => {
          output += chunk.toString();
          const found = /listening on (http:\/\/[^\s]+)/.exec(output);
          if (found) resolve(found[1]!);
        });
        child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
        child.once('exit', (code) => reject(new Error(`serve exited ${code}: ${output}`)));
      });
      const page = await fetch(`${url}/`);
      expect(page.status).toBe(200);
      const html = await page.text();
      expect(html).toBe(readFileSync(join(copy, 'dist/web/index.html'), 'utf8'));
      const script = /src="(\/assets\/app-[^"]+\.js)"/.exec(html)![1]!;
      const asset = await fetch(`${url}${script}`);
      expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      expect(await asset.text()).toBe(readFileSync(join(copy, 'dist/web', script), 'utf8'));
      expect(await (await fetch(`${url}/api/forms`)).json()).toEqual({ items: [], nextCursor: null });
    } finally {
      child.kill('SIGTERM');
    }
  });
});

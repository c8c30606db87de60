/**
 * The app and the memory store must run on Workers too: bundling them for a neutral platform
 * must pull in no Node built-in, no lowdb and no use of `process`.
 */
import { build, transformSync } from 'esbuild';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));

describe('runtime-neutral code', () => {
  it('createApp and the memory store import nothing from node:*, lowdb or process', async () => {
    const result = await build({
      stdin: {
        contents:
          "export { createApp } from './src/app/create-app.ts'; export { MemoryFormRepository } from './src/store/memory-repository.ts';",
        resolveDir: root,
        loader: 'ts',
      },
      bundle: true,
      write: false,
      platform: 'neutral',
      format: 'esm',
      mainFields: ['module', 'main'],
      conditions: ['workerd', 'worker', 'import'],
      metafile: true,
      logLevel: 'silent',
      // As wrangler's build does: a library's dev-only `process.env.NODE_ENV` check (excelts' long
      // worksheet-name warning) becomes a constant; any other use of `process` still fails below
      define: { 'process.env.NODE_ENV': '"production"' },
    });
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.filter((path) => path.startsWith('node:') || /lowdb|steno|node-server/.test(path))).toEqual([]);
    const ownFiles = inputs.filter((path) => path.startsWith('src/'));
    expect(ownFiles).toContain('src/app/create-app.ts');
    expect(ownFiles.filter((path) => /lowdb|lock-file|entry\//.test(path))).toEqual([]);
    const code = result.outputFiles[0]!.text;
    // process.env.NODE_ENV is the bundler convention (wrangler and esbuild define it at build time);
    // excelts' browser build reads it only to warn about a worksheet name over 31 characters
    expect(code).not.toMatch(/\bprocess\.(env(?!\.NODE_ENV\b)|kill|on|exit|pid)\b/);
  });

  it('the Worker entry (src/entry/worker.ts) pulls in no Node-only code: no node:*, lowdb, pg, esbuild or process', async () => {
    const result = await build({
      entryPoints: [`${root}src/entry/worker.ts`],
      absWorkingDir: root,
      bundle: true,
      write: false,
      platform: 'neutral',
      format: 'esm',
      mainFields: ['module', 'main'],
      conditions: ['workerd', 'worker', 'import'],
      metafile: true,
      logLevel: 'silent',
    });
    const inputs = Object.keys(result.metafile.inputs);
    const ownFiles = inputs.filter((path) => path.startsWith('src/'));
    expect(ownFiles).toEqual(
      expect.arrayContaining(['src/entry/worker.ts', 'src/store/d1-repository.ts', 'src/app/create-app.ts']),
    );
    expect(
      inputs.filter(
        (path) => path.startsWith('node:') || /lowdb|steno|node-server|[\\/]pg[\\/]|esbuild|tsx/.test(path),
      ),
    ).toEqual([]);
    expect(
      ownFiles.filter((path) => /lowdb|lock-file|load-prompts-node|src\/build\/|entry\/node|cli\//.test(path)),
    ).toEqual([]);
    // Our own code only (comments dropped): the openai SDK reads `globalThis.process?.env` behind a guard
    const codeOf = (path: string) => transformSync(readFileSync(`${root}${path}`, 'utf8'), { loader: 'ts' }).code;
    const usingProcess = ownFiles.filter((path) => /\bprocess\.(env|kill|on|exit|pid|argv|cwd)\b/.test(codeOf(path)));
    expect(usingProcess).toEqual([]);
  });

  it('the page (src/web/app.ts) bundles for the browser with nothing from Node, the build, the store or the entries', async () => {
    const result = await build({
      entryPoints: [`${root}src/web/app.ts`],
      absWorkingDir: root,
      bundle: true,
      splitting: true,
      outdir: '/out',
      write: false,
      platform: 'browser',
      format: 'esm',
      metafile: true,
      logLevel: 'silent',
    });
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs).toContain('src/web/app.ts');
    expect(inputs.filter((path) => path.startsWith('node:') || /lowdb|esbuild|[\\/]pg[\\/]|openai/.test(path))).toEqual(
      [],
    );
    expect(inputs.filter((path) => /^src\/(build|entry|store|cli)\//.test(path))).toEqual([]);
  });
});

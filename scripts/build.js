#!/usr/bin/env node
// `npm run build`: the production build. Compiles src/ to dist/server (esbuild, one JavaScript
// file per source file; types are checked by `npm run typecheck`, not here) and writes the page
// to dist/web (served by the compiled Node server and by Workers Static Assets).
// `--if-stale` (npm start's prestart) skips the build when dist/ is newer than every source.
import { readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { buildState, STAMP } from './build-state.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

function sourcesUnder(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourcesUnder(path);
    return /\.ts$/.test(entry.name) && !/\.d\.ts$/.test(entry.name) ? [path] : [];
  });
}

async function compileServer() {
  const out = join(root, 'dist', 'server');
  rmSync(out, { recursive: true, force: true });
  const entryPoints = sourcesUnder(join(root, 'src'));
  await build({
    entryPoints,
    outbase: join(root, 'src'),
    outdir: out,
    bundle: false,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    sourcemap: true,
    logLevel: 'warning',
  });
  return entryPoints.length;
}

async function writePage() {
  const { buildWebAssetsWithReport, writeWebAssets } = await import(
    pathToFileURL(join(root, 'dist/server/build/web-assets.js')).href
  );
  const out = join(root, 'dist', 'web');
  rmSync(out, { recursive: true, force: true });
  const report = await buildWebAssetsWithReport({ sourceDir: join(root, 'src', 'web') });
  const files = await writeWebAssets(report.assets, out);
  return { files: files.length, kb: (report.firstLoadScriptBytes / 1024).toFixed(1) };
}

if (process.argv.includes('--if-stale') && buildState(root) === 'current') {
  console.log('build: dist/ is current');
} else {
  const compiled = await compileServer();
  const page = await writePage();
  writeFileSync(join(root, STAMP), `${new Date().toISOString()}\n`);
  console.log(
    `build: ${compiled} files to ${relative(root, join(root, 'dist/server'))}, ` +
      `page (${page.files} files, first-load script ${page.kb} KB) to dist/web`,
  );
}

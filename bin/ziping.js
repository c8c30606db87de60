#!/usr/bin/env node
// The `ziping` command. Runs the compiled build (dist/server, `npm run build`; `npm start` builds
// it first when it is missing or older than src/). Without a current build — a fresh clone after
// `npm ci`, or sources edited since — it runs the TypeScript sources through tsx, a development
// dependency, so `npx ziping …` works at once and never runs code older than the sources.
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { buildState } from '../scripts/build-state.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

async function loadMain() {
  const state = buildState(root);
  if (state !== 'current') {
    const tsx = await import('tsx/esm/api').catch(() => null);
    if (tsx) {
      tsx.register();
      return (await import(pathToFileURL(join(root, 'src/cli/main.ts')).href)).main;
    }
    if (state === 'missing') {
      console.error('错误：没有编译好的程序（dist/server）。请先运行 npm run build（需要开发依赖）。');
      process.exit(1);
    }
  }
  return (await import(pathToFileURL(join(root, 'dist/server/cli/main.js')).href)).main;
}

const main = await loadMain();
process.exitCode = await main(process.argv.slice(2));

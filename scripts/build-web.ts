/**
 * Writes the web page as static files (default `dist/web/`), for hosts that serve prebuilt
 * assets (the Workers entry's Static Assets; `npm run build:web`). `npm run build` writes the same
 * files for the compiled Node server. Run: `node bin/run-ts.js scripts/build-web.ts [outDir]`.
 */
import { rm } from 'node:fs/promises';
import { resolve } from 'node:path';
import { buildWebAssetsWithReport, writeWebAssets } from '../src/web/build.js';

const outDir = resolve(process.argv[2] ?? 'dist/web');
const build = await buildWebAssetsWithReport();
// Start empty: files of an earlier build (other content hashes) must not be deployed along
await rm(outDir, { recursive: true, force: true });
const files = await writeWebAssets(build.assets, outDir);
console.log(`wrote ${files.length} files to ${outDir}; editor first-load script ${(build.firstLoadScriptBytes / 1024).toFixed(1)} KB`);

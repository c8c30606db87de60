/**
 * Writes the web page as static files (default `dist/web/`), for hosts that serve prebuilt
 * assets (the Workers entry's Static Assets). The Node server does not need this: it builds the
 * page in memory at start. Run: `node bin/run-ts.js scripts/build-web.ts [outDir]`.
 */
import { resolve } from 'node:path';
import { buildWebAssetsWithReport, writeWebAssets } from '../src/web/build.js';

const outDir = resolve(process.argv[2] ?? 'dist/web');
const build = await buildWebAssetsWithReport();
const files = await writeWebAssets(build.assets, outDir);
console.log(`wrote ${files.length} files to ${outDir}; editor first-load script ${(build.firstLoadScriptBytes / 1024).toFixed(1)} KB`);

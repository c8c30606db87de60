/**
 * Writes the web page as static files (default `dist/web/`), for hosts that serve prebuilt
 * assets (the Workers entry's Static Assets; `npm run build:web`). `npm run build` writes the same
 * files for the compiled Node server. Run: `node bin/run-ts.js scripts/build-web.ts [outDir]`.
 */
import { readdir, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { buildWebAssetsWithReport, writeWebAssets } from '../src/build/web-assets.js';

const outDir = resolve(process.argv[2] ?? 'dist/web');
const build = await buildWebAssetsWithReport();

const files = await writeWebAssets(build.assets, outDir);
// Files of an earlier build (other content hashes) must not be deployed along; removed after the
// new ones are written, so a server reading the folder meanwhile never finds it empty
const written = new Set(files.map((file) => resolve(file)));
for (const entry of await readdir(outDir, { recursive: true, withFileTypes: true })) {
  const path = resolve(join(entry.parentPath, entry.name));
  if (entry.isFile() && !written.has(path)) await rm(path);
}
console.log(
  `wrote ${files.length} files to ${outDir}; editor first-load script ${(build.firstLoadScriptBytes / 1024).toFixed(1)} KB`,
);

/**
 * Node only: the page as `npm run build` wrote it (dist/web, by writeWebAssets in web-assets.ts), read
 * back into the files `webRoutes` serves. The compiled server uses this instead of building the
 * page at each start; the manifest keeps each file's URL, content type and caching.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ZipingError } from '../core/errors.js';
import type { WebAsset } from '../app/routes/web.js';

/** The manifest's name in the output folder (excluded from Static Assets by `.assetsignore`). */
export const BUILT_MANIFEST = '.ziping-assets.json';

/** One manifest entry: a WebAsset without its bytes. */
export type BuiltAsset = Omit<WebAsset, 'body'>;

/** The built page in `dir`; `internal_error` telling how to build it when it is not there. */
export async function readBuiltWebAssets(dir: string): Promise<WebAsset[]> {
  let manifest: BuiltAsset[];
  try {
    manifest = JSON.parse(await readFile(join(dir, BUILT_MANIFEST), 'utf8')) as BuiltAsset[];
  } catch (error) {
    throw new ZipingError('internal_error', `找不到构建好的网页（${dir}）：请先运行 npm run build`, { cause: error });
  }
  return Promise.all(
    manifest.map(async (asset) => ({
      ...asset,
      body: new Uint8Array(await readFile(join(dir, asset.path === '/' ? 'index.html' : asset.path.slice(1)))),
    })),
  );
}

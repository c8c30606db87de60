/**
 * Node only, never bundled into the page: builds the web page (the browser sources in src/web) in
 * memory with esbuild: the editor script split into an entry
 * and on-demand chunks (the print view and `marked` load only when printing), the stylesheet,
 * index.html pointing at content-hashed names, the favicon and the seed example.
 * `writeWebAssets` writes the same files to a folder: Static Assets on Workers, and the compiled
 * Node server (`npm run build` → dist/web, read by built-assets.ts).
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

import { CONTENT_SECURITY_POLICY, type WebAsset } from '../app/routes/web.js';
import { BUILT_MANIFEST, type BuiltAsset } from './built-assets.js';

export type { WebAsset };

export interface BuildOptions {
  /** Minify (default true). */
  minify?: boolean;
  /** Where the page's sources are (default `src/web`; the compiled build passes it, as dist/ has no sources). */
  sourceDir?: string;
}

export interface BuildReport {
  assets: WebAsset[];
  /** Bytes of script the editor loads before it is usable: the entry and the chunks it imports statically. */
  firstLoadScriptBytes: number;
  /** Bytes of every script file, lazy chunks included. */
  totalScriptBytes: number;
  /** The source files (and packages' files) bundled into that first-load script. */
  firstLoadInputs: string[];
}

const WEB_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'web');

/**
 * The scoring core writes `import { z } from 'zod'`; bundled that way, esbuild keeps all of zod
 * (every locale, the JSON-schema tools: ~450 KB). `import * as z` is the same namespace and lets
 * esbuild keep only what is used (~85 KB), so the core's zod imports are read in that form.
 */
const zodNamespace: esbuild.Plugin = {
  name: 'zod-namespace-import',
  setup(build) {
    build.onLoad({ filter: /[\\/]src[\\/].*\.ts$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      return {
        contents: source.replace(/import\s*\{\s*z\s*\}\s*from\s*['"]zod['"]/g, "import * as z from 'zod'"),
        loader: 'ts',
      };
    });
  },
};

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

const typeOf = (path: string): string => TYPES[path.slice(path.lastIndexOf('.'))] ?? 'application/octet-stream';

/** Bundles the entry and the stylesheet in memory, split into content-hashed chunks, with a metafile. */
function bundle(sourceDir: string, minify: boolean) {
  return esbuild.build({
    entryPoints: { app: join(sourceDir, 'app.ts'), styles: join(sourceDir, 'styles.css') },
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify,
    outdir: '/assets',
    entryNames: '[name]-[hash]',
    chunkNames: 'chunk-[hash]',
    write: false,
    metafile: true,
    legalComments: 'none',
    charset: 'utf8',
    logLevel: 'silent',
    plugins: [zodNamespace],
  });
}

type Outputs = esbuild.Metafile['outputs'];

const urlOf = (name: string) => name.slice(name.lastIndexOf('/assets/'));

/** The entry plus its static imports, followed transitively: what the browser fetches before the editor runs. */
function firstLoadOf(outputs: Outputs, entry: string): Set<string> {
  const firstLoad = new Set<string>();
  const visit = (name: string) => {
    if (firstLoad.has(name)) return;
    firstLoad.add(name);
    for (const imported of outputs[name]?.imports ?? []) if (imported.kind === 'import-statement') visit(imported.path);
  };
  visit(entry);
  return firstLoad;
}

/** The files served beside the bundle: index.html (naming the hashed files and preloads), favicon, seed. */
async function pageFiles(sourceDir: string, script: string, style: string, preloaded: string[]): Promise<WebAsset[]> {
  const preloads = preloaded.map((name) => `<link rel="modulepreload" href="${urlOf(name)}">`).join('\n');
  const html = (await readFile(join(sourceDir, 'index.html'), 'utf8'))
    .replace('{{styles}}', urlOf(style))
    .replace('{{script}}', urlOf(script))
    .replace('{{preloads}}', preloads);
  const file = async (name: string, path: string, type: string): Promise<WebAsset> => ({
    path,
    contentType: TYPES[type]!,
    body: await readFile(join(sourceDir, name)),
    immutable: false,
  });
  return [
    { path: '/', contentType: TYPES['.html']!, body: new TextEncoder().encode(html), immutable: false },
    await file('favicon.svg', '/assets/favicon.svg', '.svg'),
    await file('seed-baai-2022.json', '/assets/seed-baai-2022.json', '.json'),
  ];
}

/** Builds the page and reports its script sizes. */
export async function buildWebAssetsWithReport(options: BuildOptions = {}): Promise<BuildReport> {
  const sourceDir = options.sourceDir ?? WEB_DIR;
  const result = await bundle(sourceDir, options.minify ?? true);
  const assets: WebAsset[] = result.outputFiles.map((file) => {
    const path = urlOf(file.path);
    return { path, contentType: typeOf(path), body: file.contents, immutable: true };
  });
  const outputs = result.metafile.outputs;
  const scriptKey = Object.keys(outputs).find((name) => /\/app-[^/]+\.js$/.test(name));
  const styleKey = Object.keys(outputs).find((name) => /\/styles-[^/]+\.css$/.test(name));
  if (!scriptKey || !styleKey) throw new Error('web build: entry outputs missing');
  const firstLoad = firstLoadOf(outputs, scriptKey);
  const sizeOf = (name: string) => outputs[name]?.bytes ?? 0;
  const scripts = Object.keys(outputs).filter((name) => name.endsWith('.js'));
  const preloaded = [...firstLoad].filter((name) => name !== scriptKey);
  assets.push(...(await pageFiles(sourceDir, scriptKey, styleKey, preloaded)));
  return {
    assets,
    firstLoadScriptBytes: [...firstLoad].reduce((sum, name) => sum + sizeOf(name), 0),
    totalScriptBytes: scripts.reduce((sum, name) => sum + sizeOf(name), 0),
    firstLoadInputs: [...new Set([...firstLoad].flatMap((name) => Object.keys(outputs[name]?.inputs ?? {})))],
  };
}

/** Builds the page in memory: the files `webRoutes(assets)` serves. */
export async function buildWebAssets(options: BuildOptions = {}): Promise<WebAsset[]> {
  return (await buildWebAssetsWithReport(options)).assets;
}

/**
 * Writes built assets under `dir` (`/` becomes `index.html`) for static hosting, with a
 * `_headers` file (Cloudflare Static Assets syntax) carrying the same CSP and cache rules that
 * `webRoutes` sends.
 */
export async function writeWebAssets(assets: readonly WebAsset[], dir: string): Promise<string[]> {
  const written: string[] = [];
  for (const asset of assets) {
    const file = join(dir, asset.path === '/' ? 'index.html' : asset.path.slice(1));
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, asset.body);
    written.push(file);
  }
  const headers = [
    '/',
    `  Content-Security-Policy: ${CONTENT_SECURITY_POLICY}`,
    '  Cache-Control: no-cache',
    '  X-Content-Type-Options: nosniff',
    '  Referrer-Policy: no-referrer',
    '  X-Frame-Options: DENY',
    ...assets
      .filter((a) => a.immutable)
      .flatMap((a) => [
        a.path,
        '  Cache-Control: public, max-age=31536000, immutable',
        '  X-Content-Type-Options: nosniff',
      ]),
    '',
  ].join('\n');
  const headersFile = join(dir, '_headers');
  await writeFile(headersFile, headers);
  written.push(headersFile);
  // What the compiled Node server needs to serve these files (built-assets.ts); not for Static Assets
  const manifest: BuiltAsset[] = assets.map(({ path, contentType, immutable }) => ({ path, contentType, immutable }));
  await writeFile(join(dir, BUILT_MANIFEST), `${JSON.stringify(manifest, null, 1)}\n`);
  await writeFile(join(dir, '.assetsignore'), `${BUILT_MANIFEST}\n`);
  written.push(join(dir, BUILT_MANIFEST), join(dir, '.assetsignore'));
  return written;
}

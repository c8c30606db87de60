/**
 * The web page: `/` and `/assets/*` from assets built beforehand (`buildWebAssets()` on Node, or
 * files a Worker bundles). Strict Content-Security-Policy (no inline script, nothing from other
 * origins), exact content types, and caching: hashed assets for a year, the page revalidated.
 * Runtime-neutral: no node imports, so the Worker entry can use it too.
 */
import { Hono } from 'hono';

/** A file to serve (the shape `buildWebAssets()` returns). */
export interface WebAsset {
  path: string;
  contentType: string;
  body: Uint8Array;
  /** Content-hashed name: cacheable for a year. */
  immutable: boolean;
}

/** The page's Content-Security-Policy: everything from this origin only, no inline script, no eval. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** FNV-1a over the bytes: a cheap, synchronous ETag (Web Crypto digests are async). */
function etagOf(body: Uint8Array): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < body.length; i++) {
    hash ^= body[i]!;
    hash = Math.imul(hash, 0x01000193);
  }
  return `"${(hash >>> 0).toString(36)}-${body.length.toString(36)}"`;
}

/** The sub-app serving the page; mount it at `/` after the API routes. */
export function webRoutes(assets: readonly WebAsset[]): Hono {
  const byPath = new Map(assets.map((asset) => [asset.path, { ...asset, etag: etagOf(asset.body) }]));
  const app = new Hono();

  app.get('*', async (c, next) => {
    const path = c.req.path === '/index.html' ? '/' : c.req.path;
    const asset = byPath.get(path);
    if (!asset) return next();
    const headers: Record<string, string> = {
      'content-type': asset.contentType,
      'cache-control': asset.immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
      etag: asset.etag,
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
    };
    if (asset.contentType.startsWith('text/html')) {
      headers['content-security-policy'] = CONTENT_SECURITY_POLICY;
      headers['x-frame-options'] = 'DENY';
    }
    const inm = c.req.header('if-none-match');
    if (inm?.split(',').some((tag) => tag.trim() === asset.etag)) return c.body(null, 304, headers);
    return c.body(asset.body as Uint8Array<ArrayBuffer>, 200, headers);
  });

  return app;
}

/**
 * Each write accepts only the content types it documents (issue #8): a `text/plain` form post or
 * a `no-cors` fetch from any web page cannot make a browser send `application/json`, so requiring
 * it stops cross-site writes that skip the CORS preflight. Bodiless requests pass (DELETE).
 */
import type { MiddlewareHandler } from 'hono';
import { ZipingError } from '../core/errors.js';

/** The media types a JSON write accepts: forms, drafts, chat, score. */
export const JSON_TYPES: readonly string[] = ['application/json'];

/** What `POST /api/import` takes (issue #10): an .xlsx upload, pasted text, a multipart form, or JSON. */
export const IMPORT_TYPES: readonly string[] = [
  'multipart/form-data',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/octet-stream',
  'text/plain',
  'application/json',
];

/** Media types by exact path for the routes that take more than JSON; AppConfig.contentTypesByPath adds to it. */
export const DEFAULT_TYPES_BY_PATH: Readonly<Record<string, readonly string[]>> = { '/api/import': IMPORT_TYPES };

export interface ContentTypeOptions {
  /** Types every write accepts unless its path is listed in `byPath` (default JSON only). */
  default?: readonly string[];
  /** Per route, by exact path (`/api/import`): its own types, e.g. multipart/form-data or .xlsx. */
  byPath?: Readonly<Record<string, readonly string[]>>;
}

const BODYLESS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The media type without parameters, lower case: `application/json; charset=utf-8` → `application/json`. */
export function mediaTypeOf(header: string | undefined): string {
  return (header ?? '').split(';', 1)[0]!.trim().toLowerCase();
}

function hasBody(contentLength: string | undefined, transferEncoding: string | undefined): boolean {
  if (transferEncoding !== undefined) return true;
  return contentLength !== undefined && contentLength.trim() !== '0';
}

/** Middleware answering 415 `unsupported_media_type` to a write whose body is not of an allowed type. */
export function contentTypes(options: ContentTypeOptions = {}): MiddlewareHandler {
  const fallback = options.default ?? JSON_TYPES;
  const byPath = options.byPath ?? {};
  return function contentTypeGuard(c, next) {
    if (BODYLESS.has(c.req.method)) return next();
    const type = mediaTypeOf(c.req.header('content-type'));
    const bodyless = !hasBody(c.req.header('content-length'), c.req.header('transfer-encoding'));
    if (type === '' && bodyless) return next();
    const allowed = Object.hasOwn(byPath, c.req.path) ? byPath[c.req.path]! : fallback;
    if (allowed.includes(type)) return next();
    const route = `${c.req.method} ${c.req.path}`;
    throw new ZipingError(
      'unsupported_media_type',
      `不支持的请求体类型“${type || '（未注明）'}”：${route} 只接受 ${allowed.join('、')}`,
      {
        issues: [
          {
            path: 'content-type',
            code: 'unsupported_media_type',
            message: `请求头 Content-Type 应为 ${allowed.join(' 或 ')}`,
          },
        ],
        details: { accepted: [...allowed] },
      },
    );
  };
}

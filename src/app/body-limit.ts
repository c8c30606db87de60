/**
 * The request body limit: 413 `payload_too_large` (same JSON shape as every error) for bodies
 * over `maxBytes`. Hono's bodyLimit does the counting for streamed (chunked) bodies; requests
 * without a body, and those whose Content-Length already decides, are settled from the headers
 * alone, because touching `c.req.raw.body` makes the Node adapter build a full Request object,
 * which costs more than the rest of a GET.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { ZipingError } from '../core/errors.js';
import { errorResponse } from './error-response.js';

/** The 413 response for a body over `maxBytes`. */
function tooLarge(c: Context, maxBytes: number): Response {
  // The rest of the body is never read, so the connection cannot carry another request:
  // say so, or a client would reuse it and see its next request fail.
  c.header('Connection', 'close');
  const mib = (maxBytes / 1024 / 1024).toFixed(2);
  return errorResponse(
    c,
    new ZipingError('payload_too_large', `请求体超过上限 ${maxBytes} 字节（${mib} MiB）`, {
      details: { limitBytes: maxBytes },
    }),
  );
}

/** Middleware refusing request bodies over `maxBytes` with 413. */
export function limitBody(maxBytes: number): MiddlewareHandler {
  const streamed = bodyLimit({ maxSize: maxBytes, onError: (c) => tooLarge(c, maxBytes) });
  return function limitBodyMiddleware(c, next) {
    const method = c.req.method;
    if (method === 'GET' || method === 'HEAD' || method === 'OPTIONS') return next();
    const length = c.req.header('content-length');
    const chunked = c.req.header('transfer-encoding') !== undefined;
    if (!chunked) {
      // HTTP framing delivers exactly Content-Length bytes, so the header can be trusted.
      if (length === undefined) return next();
      return Number.parseInt(length, 10) > maxBytes ? Promise.resolve(tooLarge(c, maxBytes)) : next();
    }
    return streamed(c, next);
  };
}

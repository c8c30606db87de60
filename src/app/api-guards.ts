/**
 * The guards every API request passes, as one middleware: `X-Content-Type-Options: nosniff` on
 * every answer, and the write-only guards (body limit, same origin, content type) run for writes
 * only. Each middleware layer costs a dispatch per request; reads skip the write guards (which
 * would each pass them on unread), so a GET goes through one layer, not four (issue #9).
 */
import type { Context, MiddlewareHandler, Next } from 'hono';

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** One middleware that sets nosniff, then runs `guards` in order on writes (a guard may answer itself). */
export function apiGuards(...guards: MiddlewareHandler[]): MiddlewareHandler {
  const run = (c: Context, next: Next, i: number): ReturnType<MiddlewareHandler> =>
    i === guards.length ? next() : guards[i]!(c, () => run(c, next, i + 1) as Promise<void>);
  return function apiGuard(c, next) {
    // Set before the response exists: adding a header afterwards makes the Node adapter rebuild it.
    c.header('X-Content-Type-Options', 'nosniff');
    if (READS.has(c.req.method)) return next();
    return run(c, next, 0);
  };
}

/**
 * Which route will answer a request, found before it runs: the access check needs the route's
 * declared path (`/api/forms/:id`) to look up its policy and to read `:id` before the handler does.
 */
import type { Context } from 'hono';
import { matchedRoutes } from 'hono/route';

export interface MatchedRoute {
  /** The declared method (`GET` also for a HEAD request). */
  method: string;
  /** The declared path with Hono's `:param` syntax. */
  path: string;
}

/** Middleware (`app.use`) and catch-all handlers (the page's `get('*')`) are not the route. */
const isEndpoint = (route: { method: string; path: string }): boolean =>
  route.method !== 'ALL' && route.path !== '/*' && route.path !== '*';

/** The first endpoint matched for `c`'s request, or null when none is (the 404 handler answers). */
export function matchedRoute(c: Context): MatchedRoute | null {
  const route = matchedRoutes(c).find(isEndpoint);
  return route ? { method: route.method.toUpperCase(), path: route.path } : null;
}

/** Where `:name` sits in each declared path, by path and name (the declared paths are a fixed set). */
const segmentIndexes = new Map<string, number>();

/** The segment index of `:name` in `path` (-1 when absent), computed once per path. */
function segmentIndex(path: string, name: string): number {
  const key = `${name} ${path}`;
  let at = segmentIndexes.get(key);
  if (at === undefined) {
    at = path.split('/').indexOf(`:${name}`);
    segmentIndexes.set(key, at);
  }
  return at;
}

/** The value of `:name` in the request path for `route`, or null (segments compared one by one). */
export function routeParam(route: MatchedRoute, requestPath: string, name: string): string | null {
  const at = segmentIndex(route.path, name);
  if (at < 0) return null;
  const raw = requestPath.split('/')[at];
  if (raw === undefined) return null;
  if (!raw.includes('%')) return raw;
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

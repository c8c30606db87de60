/** The policy of the route a request matched (policy.ts), for middleware that runs around every route. */
import type { Context } from 'hono';
import type { AppEnv } from '../app-env.js';
import { type MatchedRoute, matchedRoute } from './matched-route.js';
import { policyOf, type RoutePolicy } from './policy.js';

/** The route that answers a request and its ROUTE_POLICIES entry (either may be null). */
export interface RequestRoute {
  route: MatchedRoute | null;
  policy: RoutePolicy | null;
}

/**
 * The route and policy of `c`'s request, looked up on the first call and kept in the context:
 * the audit, access and quota layers all ask, and each lookup walks the matched routes (issue #9).
 */
export function requestRoute(c: Context<AppEnv>): RequestRoute {
  const known = c.get('route');
  if (known) return known;
  const route = matchedRoute(c);
  const found = { route, policy: route ? policyOf(route.method, route.path) : null };
  c.set('route', found);
  return found;
}

/** The ROUTE_POLICIES entry of the route that answers `c`'s request, or null. */
export function matchedPolicy(c: Context<AppEnv>): RoutePolicy | null {
  return requestRoute(c).policy;
}

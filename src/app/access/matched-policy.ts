/** The policy of the route a request matched (policy.ts), for middleware that runs around every route. */
import type { Context } from 'hono';
import { matchedRoute } from './matched-route.js';
import { policyOf, type RoutePolicy } from './policy.js';

/** The ROUTE_POLICIES entry of the route that answers `c`'s request, or null. */
export function matchedPolicy(c: Context): RoutePolicy | null {
  const route = matchedRoute(c);
  return route ? policyOf(route.method, route.path) : null;
}

/** The policy of the route a request matched (policy.ts), for middleware that runs around every route. */
import type { Context } from 'hono';
import { matchedRoutes } from 'hono/route';
import { policyOf, type RoutePolicy } from './policy.js';

/** The ROUTE_POLICIES entry of the handler `c` is routed to (middleware entries are `ALL`), or null. */
export function matchedPolicy(c: Context): RoutePolicy | null {
  const routes = matchedRoutes(c);
  for (let i = routes.length - 1; i >= 0; i--) {
    const route = routes[i]!;
    if (route.method === 'ALL') continue;
    const policy = policyOf(c.req.method === 'HEAD' ? 'GET' : c.req.method, route.path);
    if (policy) return policy;
  }
  return null;
}

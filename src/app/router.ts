/**
 * The one way to make routes: `createRouter()` gives an OpenAPIHono whose failed validations
 * become our one error shape. A route is declared once with `createRoute` (its schemas validate
 * the request, document it in /api/openapi.json and type the page's client) and added with
 * `router.openapi(route, handler)`; chain the calls so the app type keeps every route.
 */
import { OpenAPIHono } from '@hono/zod-openapi';
import type { Hook } from '@hono/zod-openapi';
import type { z } from 'zod';
import { compiledSchema } from '../core/schema/compiled.js';
import type { AppEnv } from './app-env.js';
import { validationError, type RequestPart } from './validation-error.js';

/** Throws the ZipingError for a failed validation; `app.onError` answers it. */
export const throwValidationError: Hook<unknown, AppEnv, string, void> = (result) => {
  if (!result.success) {
    const data = (result as { data?: unknown }).data;
    throw validationError(result.error, data, result.target as RequestPart);
  }
};

type Router = OpenAPIHono<AppEnv>;
type RouteConfig = Parameters<Router['openapi']>[0];

const isSchema = (value: unknown): value is z.ZodType =>
  typeof (value as { safeParse?: unknown } | undefined)?.safeParse === 'function';

/**
 * `schema`, validated synchronously even when asked to validate asynchronously, by zod's compiled
 * twin of it (core/schema/compiled.ts: the same answers; a failure is the runtime's own). The route
 * validator calls `safeParseAsync`, and zod runs compiled code only in a synchronous parse. So no
 * request schema may have an async check (its sync parse would throw: a 500, never a pass). The
 * schema itself stays as declared: the OpenAPI document is generated from it.
 */
export function parsedSynchronously<T extends z.ZodType>(schema: T): T {
  schema.safeParseAsync = (data, params) => Promise.resolve(compiledSchema(schema).safeParse(data, params));
  return schema;
}

/** Every schema of a route's request (query, path, headers, cookies, bodies) parsed synchronously. */
function synchronousRequest(route: RouteConfig): void {
  const { request } = route;
  if (!request) return;
  for (const part of [request.query, request.params, request.headers, request.cookies]) {
    if (isSchema(part)) parsedSynchronously(part);
  }
  for (const media of Object.values(request.body?.content ?? {})) {
    const schema = media && 'schema' in media ? media.schema : undefined;
    if (isSchema(schema)) parsedSynchronously(schema);
  }
}

/** A new router (sub-app or the app itself) that reports bad requests in our error shape. */
export function createRouter(): Router {
  const router = new OpenAPIHono<AppEnv>({ defaultHook: throwValidationError });
  const openapi = router.openapi;
  router.openapi = ((route: RouteConfig, ...rest: unknown[]) => {
    synchronousRequest(route);
    return (openapi as (...args: unknown[]) => unknown)(route, ...rest);
  }) as Router['openapi'];
  return router;
}

/**
 * The one way to make routes: `createRouter()` gives an OpenAPIHono whose failed validations
 * become our one error shape. A route is declared once with `createRoute` (its schemas validate
 * the request, document it in /api/openapi.json and type the page's client) and added with
 * `router.openapi(route, handler)`; chain the calls so the app type keeps every route.
 */
import { OpenAPIHono } from '@hono/zod-openapi';
import type { Hook } from '@hono/zod-openapi';
import type { AppEnv } from './app-env.js';
import { validationError, type RequestPart } from './validation-error.js';

/** Throws the ZipingError for a failed validation; `app.onError` answers it. */
export const throwValidationError: Hook<unknown, AppEnv, string, void> = (result) => {
  if (!result.success) {
    const data = (result as { data?: unknown }).data;
    throw validationError(result.error, data, result.target as RequestPart);
  }
};

/** A new router (sub-app or the app itself) that reports bad requests in our error shape. */
export function createRouter(): OpenAPIHono<AppEnv> {
  return new OpenAPIHono<AppEnv>({ defaultHook: throwValidationError });
}

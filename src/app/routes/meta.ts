/**
 * The API's own description: `GET /api/openapi.json`, and a small index at `/api` (and at `/`
 * when the app is built without the web page).
 */
import { createRoute, z } from '@hono/zod-openapi';
import type { ResolvedDeps } from '../deps.js';
import { createRouter } from '../router.js';
import { jsonResponse } from '../schemas.js';

const IndexSchema = z.object({ name: z.string(), description: z.string(), openapi: z.string() }).openapi('ApiIndex');

const indexRoute = createRoute({
  method: 'get',
  path: '/api',
  summary: '接口索引',
  responses: { 200: jsonResponse(IndexSchema, '名称与 OpenAPI 文档地址') },
});

// The page's place: the index answers there only when the app has no page (not part of the API)
const rootRoute = createRoute({ ...indexRoute, path: '/', hide: true });

const documentRoute = createRoute({
  method: 'get',
  path: '/api/openapi.json',
  summary: '本文档',
  responses: { 200: jsonResponse(z.record(z.string(), z.unknown()), 'OpenAPI 3.1 文档') },
});

/** The meta routes, mounted at the root; `apiDocument` gives the whole app's OpenAPI document. */
export function metaRoutes(_deps: ResolvedDeps, apiDocument: () => object) {
  const index = {
    name: '绩效自评助手 Ziping',
    description: '项目支出绩效自评表的评分、保存与修订',
    openapi: '/api/openapi.json',
  };
  return createRouter()
    .openapi(indexRoute, (c) => c.json(index, 200))
    .openapi(rootRoute, (c) => c.json(index, 200))
    .openapi(documentRoute, (c) => c.json(apiDocument(), 200));
}

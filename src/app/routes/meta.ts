/**
 * The API's own description: `GET /api/openapi.json`, and a small index at `/api` (and at `/`
 * when the app is built without the web page).
 */
import { Hono } from 'hono';
import type { ResolvedDeps } from '../deps.js';
import { openApiDocument } from '../openapi.js';

/** The meta routes, mounted at the root. */
export function metaRoutes(deps: ResolvedDeps): Hono {
  const app = new Hono();
  const index = {
    name: '绩效自评助手 Ziping',
    description: '项目支出绩效自评表的评分、保存与修订',
    openapi: '/api/openapi.json',
  };
  app.get('/api', (c) => c.json(index));
  app.get('/', (c) => c.json(index));
  app.get('/api/openapi.json', (c) => c.json(openApiDocument({ bodyLimitBytes: deps.config.bodyLimitBytes })));
  return app;
}

/**
 * The generated API document: a real OpenAPI validator accepts it, and it describes exactly the
 * routes the app serves under /api (walking `app.routes`, so a route added without a schema fails).
 */
import { validate } from '@readme/openapi-parser';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/app/create-app.js';
import { MemoryFormRepository } from '../../src/store/memory-repository.js';

const app = createApp({ store: new MemoryFormRepository() });

async function apiDocument(): Promise<{ paths: Record<string, Record<string, unknown>>; [key: string]: unknown }> {
  const response = await app.request('/api/openapi.json');
  expect(response.status).toBe(200);
  return response.json();
}

/** `METHOD /path/{param}` of every handler the app serves under /api (middleware excluded). */
function servedRoutes(): string[] {
  const routes = app.routes
    .filter((route) => route.method !== 'ALL' && route.path.startsWith('/api'))
    .map((route) => `${route.method} ${route.path.replace(/:(\w{1,50})/g, '{$1}')}`);
  return [...new Set(routes)].sort();
}

describe('/api/openapi.json', () => {
  it('is a valid OpenAPI 3.1 document by @readme/openapi-parser', async () => {
    const doc = await apiDocument();
    const result = await validate(structuredClone(doc) as unknown as Parameters<typeof validate>[0]);
    expect(result.valid ? [] : result.errors).toEqual([]);
    expect(result.warnings).toEqual([]);
    expect(doc.openapi).toBe('3.1.0');
  });

  it('documents every route the app serves under /api, and no other', async () => {
    const doc = await apiDocument();
    const documented = Object.entries(doc.paths)
      .flatMap(([path, item]) => Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`))
      .sort();
    expect(servedRoutes().length).toBeGreaterThan(10);
    expect(documented).toEqual(servedRoutes());
  });

  it('names every error code the app can answer, and each route documents its error shape', async () => {
    const doc = (await apiDocument()) as Record<string, any>;
    const codes: string[] = doc.components.schemas.Error.properties.error.properties.code.enum;
    expect(codes).toEqual(
      expect.arrayContaining(['invalid_form', 'model_error', 'model_timeout', 'model_rate_limited']),
    );
    for (const [path, item] of Object.entries(doc.paths as Record<string, Record<string, any>>)) {
      for (const [method, operation] of Object.entries(item)) {
        for (const [status, response] of Object.entries(operation.responses as Record<string, any>)) {
          if (Number(status) < 400) continue;
          const schema = response.content['application/json'].schema;
          expect(schema, `${method} ${path} ${status}`).toEqual({ $ref: '#/components/schemas/Error' });
        }
      }
    }
  });
});

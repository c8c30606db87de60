/**
 * Every request schema the app validates (each route's query, path, headers and JSON body, read
 * from the app's own OpenAPI registry) answers through zod's compiled twin (router.ts) exactly as
 * the schema itself: the same success, output (keys and their order) and issues, on random JSON,
 * on string records like those of queries and headers, and on real forms, bare or in an envelope.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { createApp } from '../../src/app/create-app.js';
import { MemoryFormRepository } from '../../src/store/memory-repository.js';
import { fixtureIds, readFixture } from '../support/fixture-form.js';
import { expectSameAnswer } from '../support/same-answer.js';
import { seedInput } from '../support/seed-forms.js';

const SEED = 20261201;

interface RouteDefinition {
  type: string;
  route: {
    method: string;
    path: string;
    request?: Record<string, unknown> & { body?: { content?: Record<string, { schema?: unknown }> } };
  };
}

const isSchema = (value: unknown): value is z.ZodType =>
  typeof (value as { safeParse?: unknown } | undefined)?.safeParse === 'function';

/** Every request schema of the app's routes, named `POST /api/score body`. */
function requestSchemas(): [string, z.ZodType][] {
  const app = createApp({ store: new MemoryFormRepository() });
  const found: [string, z.ZodType][] = [];
  for (const d of app.openAPIRegistry.definitions as unknown as RouteDefinition[]) {
    if (d.type !== 'route') continue;
    const { method, path, request = {} } = d.route;
    const name = `${method.toUpperCase()} ${path}`;
    for (const part of ['query', 'params', 'headers', 'cookies']) {
      if (isSchema(request[part])) found.push([`${name} ${part}`, request[part]]);
    }
    const json = request.body?.content?.['application/json']?.schema;
    if (isSchema(json)) found.push([`${name} body`, json]);
  }
  return found;
}

const realForms: unknown[] = [
  seedInput(),
  ...fixtureIds().map((id) => {
    const f = readFixture(id);
    return {
      year: f.year,
      project: { name: f.project, department: f.department },
      indicators: f.indicators.map((r) => ({ level1: r.level1 ?? '', name: r.name ?? '', target: r.target })),
    };
  }),
];

/** Requests as the page and the CLI send them, for the routes random values rarely satisfy. */
const REAL_REQUESTS: unknown[] = [
  { field: 'goals.actual' },
  { field: 'indicators.4.deviation' },
  { field: 'goals.actual', message: '  写得简短些 ' },
  { field: 'indicators.0.deviation', message: '补充原因', currentText: '原因：……', form: seedInput() },
  { field: 'goals.actual', message: '' },
  { name: '张三', password: 'correct horse' },
  { name: '', password: 'x' },
  { name: '李四', unit: '某市财政局/某市科委', role: '填报人' },
  { name: '王五', unit: '某市科委', role: 'reviewer', password: 'long enough password' },
];

/** Values a client sends: random JSON, string records (queries, headers, paths), real forms and envelopes. */
const requestValue = fc.oneof(
  fc.constantFrom(...REAL_REQUESTS),
  fc.jsonValue({ maxDepth: 3 }),
  fc.dictionary(
    fc.constantFrom('profile', 'limit', 'cursor', 'id', 'path', 'version', 'name', 'if-match', 'x-ziping-user', 'q'),
    fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('1', '20', '0', '-1', 'mof-2020', 'goals.actual', '"1"')),
  ),
  fc
    .record({
      form: fc.constantFrom(...realForms),
      wrap: fc.constantFrom('bare', 'envelope', 'origins', 'author', 'extra', 'path'),
    })
    .map(({ form, wrap }) => {
      if (wrap === 'bare') return form;
      if (wrap === 'envelope') return { form };
      if (wrap === 'origins') return { form, origins: { 'goals.actual': 'human' } };
      if (wrap === 'author') return { form, author: ' 张三 ' };
      if (wrap === 'path') return { form, path: 'goals.actual', instruction: '写得简短些' };
      return { form, extra: 1 };
    }),
);

describe('every request schema answers through its compiled twin as through zod itself', () => {
  const schemas = requestSchemas();

  it('finds the route schemas (form bodies among them)', () => {
    expect(schemas.length).toBeGreaterThan(20);
    expect(schemas.map(([name]) => name)).toContain('POST /api/score body');
  });

  it.each(schemas)('%s', (_, schema) => {
    fc.assert(
      fc.property(requestValue, (input) => expectSameAnswer(schema, input)),
      { seed: SEED, numRuns: 150 },
    );
  });
});

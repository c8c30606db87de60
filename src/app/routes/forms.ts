/**
 * `/api/forms`: save, list, read, change and delete forms. Every save scores the form and keeps
 * the report with it; changes and deletes need `If-Match` with the version the client read.
 */
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { parseWith, scoreForm } from '../../core/index.js';
import type { ResolvedDeps } from '../deps.js';
import { formView } from '../form-view.js';
import { authorOf, parseSaveBody, readJsonBody } from '../request-body.js';
import { etagOf, requiredIfMatch, versionOfTag } from '../versions-header.js';
import type { SaveInput } from '../../store/repository.js';

const yearText = z.string().regex(/^\d{4}$/, '年度应为四位数字').transform(Number);
const limitText = z.string().regex(/^\d{1,3}$/).transform(Number).pipe(z.number().int().min(1).max(100));

export const ListQuerySchema = z.object({
  year: yearText.optional(),
  department: z.string().max(200).optional(),
  q: z.string().max(200).optional(),
  limit: limitText.optional(),
  cursor: z.string().max(1000).optional(),
});

/** The form routes, to be mounted under `/api`. */
export function formsRoutes(deps: ResolvedDeps): Hono {
  const { store, clock } = deps;
  const app = new Hono();

  /** Reads, checks and scores the body of a save. */
  async function saveInput(c: Context): Promise<SaveInput> {
    const parsed = parseSaveBody(await readJsonBody(c));
    return { form: parsed.form, report: scoreForm(parsed.form), by: authorOf(c, parsed.author), at: clock(), origins: parsed.origins };
  }

  app.post('/forms', async (c) => {
    const input = await saveInput(c);
    const record = await store.create(input);
    c.header('ETag', etagOf(record.version));
    c.header('Location', `/api/forms/${record.id}`);
    return c.json(formView(record, await store.narratives(record.id)), 201);
  });

  app.get('/forms', async (c) => {
    const raw = Object.fromEntries(Object.entries(c.req.query()).filter(([, v]) => v !== ''));
    const query = parseWith(ListQuerySchema, raw, 'invalid_request', '查询参数');
    return c.json(await store.list(query));
  });

  app.get('/forms/:id', async (c) => {
    const id = c.req.param('id');
    const record = await store.get(id);
    const etag = etagOf(record.version);
    c.header('ETag', etag);
    const ifNoneMatch = c.req.header('if-none-match');
    if (ifNoneMatch !== undefined && ifNoneMatch.split(',').some((tag) => versionOfTag(tag) === record.version)) {
      return c.body(null, 304);
    }
    return c.json(formView(record, await store.narratives(id)));
  });

  app.put('/forms/:id', async (c) => {
    const id = c.req.param('id');
    const expected = requiredIfMatch(c.req.header('if-match'));
    const input = await saveInput(c);
    const record = await store.update(id, expected, input);
    c.header('ETag', etagOf(record.version));
    return c.json(formView(record, await store.narratives(id)));
  });

  app.delete('/forms/:id', async (c) => {
    const expected = requiredIfMatch(c.req.header('if-match'));
    await store.delete(c.req.param('id'), expected);
    return c.body(null, 204);
  });

  return app;
}

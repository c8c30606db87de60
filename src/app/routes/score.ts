/** `POST /api/score`: a form in, its score report out; nothing is stored. */
import { Hono } from 'hono';
import { z } from 'zod';
import { parseWith, scoreForm } from '../../core/index.js';
import type { ResolvedDeps } from '../deps.js';
import { formOf, readJsonBody } from '../request-body.js';

const ScoreQuerySchema = z.object({ profile: z.string().min(1).max(100).optional() });

/** The scoring route, to be mounted under `/api`. */
export function scoreRoutes(_deps: ResolvedDeps): Hono {
  const app = new Hono();
  app.post('/score', async (c) => {
    const { profile } = parseWith(ScoreQuerySchema, c.req.query(), 'invalid_request', '查询参数');
    const form = formOf(await readJsonBody(c));
    return c.json(scoreForm(form, profile ? { profile } : {}));
  });
  return app;
}

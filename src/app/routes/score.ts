/** `POST /api/score`: a form in, its score report out; nothing is stored. */
import { createRoute, z } from '@hono/zod-openapi';
import { type Form as FormValue, scoreForm, type ScoreOptions } from '../../core/index.js';
import { cohort } from '../cohort.js';
import type { ResolvedDeps } from '../deps.js';
import { createRouter } from '../router.js';
import { errors, formBody, jsonResponse, ScoreReport, Form, ProfileQuery } from '../schemas.js';

const scoreRoute = createRoute({
  method: 'post',
  path: '/score',
  summary: '评分（不保存）',
  description: '提交一张自评表（或 `{ form }`），返回评分报告。',
  request: {
    query: ProfileQuery,
    body: {
      required: true,
      content: {
        'application/json': {
          schema: formBody(z.strictObject({ form: Form }), 'ScoreRequest', '自评表，或 `{ form }`'),
        },
      },
    },
  },
  responses: {
    200: jsonResponse(ScoreReport, '评分报告'),
    ...errors(400, 413, 415, 422, 500),
  },
});

/** The scoring route, to be mounted under `/api`. */
export function scoreRoutes(deps: ResolvedDeps) {
  // The requests in flight are scored together, the scoring code warm (cohort.ts, issue #9)
  const scored = cohort(
    (job: { form: FormValue; options: ScoreOptions }) => scoreForm(job.form, job.options),
    deps.nextTurn,
  );
  return createRouter().openapi(scoreRoute, async (c) => {
    const { profile } = c.req.valid('query');
    const { form } = c.req.valid('json');
    return c.json(await scored({ form, options: profile ? { profile } : {} }), 200);
  });
}

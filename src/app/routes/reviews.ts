/**
 * The review workflow over HTTP (issue #12), beside the form and never changing it:
 *   GET  /api/forms/:id/review   the status, marks and transitions
 *   POST /api/forms/:id/submit   草稿/已退回 → 已提交 (right `submit`)
 *   POST /api/forms/:id/return   已提交 → 已退回, reasons required (right `review`)
 *   POST /api/forms/:id/accept   已提交 → 已通过 (right `review`)
 *   PUT  /api/forms/:id/review   审核得分/审核意见 per row and for the form, while submitted (right `review`)
 */
import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { actorName } from '../../core/access/index.js';
import { REVIEW_LIMITS } from '../../core/limits.js';
import {
  applyMarks,
  applyTransition,
  ReasonSchema,
  ReviewMarksInputSchema,
  type ReviewAction,
} from '../../core/review/index.js';
import type { FormRecord } from '../../store/repository.js';
import { reviewConflict } from '../../store/review-repository.js';
import { checkedForm } from '../access/checked-form.js';
import type { AppEnv } from '../app-env.js';
import type { ResolvedDeps } from '../deps.js';
import { authorOf } from '../request-body.js';
import { reviewView, ReviewViewSchema } from '../review/review-view.js';
import { createRouter } from '../router.js';
import { errors, IdParams, jsonBody, jsonResponse, UserHeaders } from '../schemas.js';
import { versionConflict } from '../../store/store-errors.js';

const TransitionBodySchema = z
  .object({
    reasons: z
      .array(ReasonSchema)
      .max(REVIEW_LIMITS.maxReasons)
      .optional()
      .openapi({ description: '理由；退回时必填（至少一条），提交和通过时可作说明' }),
    version: z.number().int().min(1).optional().openapi({ description: '所看到的表单版本；与当前版本不同时 409' }),
    author: z.string().trim().min(1).max(100).optional().openapi({ description: '操作人（未登录时）' }),
  })
  .openapi('ReviewTransitionRequest');

const MarksBodySchema = ReviewMarksInputSchema.extend({
  revision: z.number().int().min(0).optional().openapi({ description: '所看到的审核记录修改次数；已变时 409' }),
}).openapi('ReviewMarksRequest');

const transitionRoute = (action: ReviewAction, summary: string, description: string) =>
  createRoute({
    method: 'post',
    path: `/forms/{id}/${action}`,
    summary,
    description,
    request: { params: IdParams, headers: UserHeaders, body: jsonBody(TransitionBodySchema) },
    responses: { 200: jsonResponse(ReviewViewSchema, '流转后的审核'), ...errors(400, 403, 404, 409, 415) },
  });

const submitRoute = transitionRoute(
  'submit',
  '提交审核',
  '草稿或已退回 → 已提交；提交后填报单位不能修改，直到被退回。',
);
const returnRoute = transitionRoute('return', '退回', '已提交 → 已退回；须写明理由（reasons）。');
const acceptRoute = transitionRoute('accept', '审核通过', '已提交 → 已通过；通过后表单保持只读。');

const getReviewRoute = createRoute({
  method: 'get',
  path: '/forms/{id}/review',
  summary: '读取审核',
  request: { params: IdParams },
  responses: { 200: jsonResponse(ReviewViewSchema, '审核'), ...errors(404) },
});

const putMarksRoute = createRoute({
  method: 'put',
  path: '/forms/{id}/review',
  summary: '填写审核得分和审核意见',
  description: '逐行（rows，按指标序号，给出时整体替换）和整表（overall）；只在已提交时可填，不改动表单本身。',
  request: { params: IdParams, body: jsonBody(MarksBodySchema) },
  responses: { 200: jsonResponse(ReviewViewSchema, '新的审核'), ...errors(400, 403, 404, 409, 415) },
});

/** The unit a form belongs to ('' until forms carry one; the local actor may do everything). */
const unitOf = (record: FormRecord): string => record.unit ?? '';

/** The review routes, to be mounted under `/api`. */
export function reviewRoutes(deps: ResolvedDeps) {
  const { store, reviews, clock } = deps;

  // Who may call each route is decided before it runs, by the access check (policy.ts), which may
  // already have read the form (checked-form.ts)
  const formFor = (c: Context<AppEnv>, id: string): Promise<FormRecord> => checkedForm(c, store, id);

  type TransitionBody = z.output<typeof TransitionBodySchema>;
  /** Applies `action` to form `id`'s review and answers the new review. */
  const transition = async (
    c: Context<AppEnv>,
    action: ReviewAction,
    id: string,
    body: TransitionBody,
    user?: string,
  ) => {
    const form = await formFor(c, id);
    if (body.version !== undefined && body.version !== form.version)
      throw versionConflict(id, body.version, form.version);
    const by = actorName(c.get('actor'), authorOf(user, body.author));
    const current = await reviews.get(id);
    const next = applyTransition(current, {
      action,
      by,
      at: clock(),
      formVersion: form.version,
      reasons: body.reasons,
    });
    return reviewView(await reviews.save(next), c.get('actor'), unitOf(form));
  };
  const user = (c: Context<AppEnv>) => c.req.header('X-Ziping-User');

  return createRouter()
    .openapi(getReviewRoute, async (c) => {
      const form = await formFor(c, c.req.valid('param').id);
      return c.json(reviewView(await reviews.get(form.id), c.get('actor'), unitOf(form)), 200);
    })
    .openapi(submitRoute, async (c) =>
      c.json(await transition(c, 'submit', c.req.valid('param').id, c.req.valid('json'), user(c)), 200),
    )
    .openapi(returnRoute, async (c) =>
      c.json(await transition(c, 'return', c.req.valid('param').id, c.req.valid('json'), user(c)), 200),
    )
    .openapi(acceptRoute, async (c) =>
      c.json(await transition(c, 'accept', c.req.valid('param').id, c.req.valid('json'), user(c)), 200),
    )
    .openapi(putMarksRoute, async (c) => {
      const { id } = c.req.valid('param');
      const body = c.req.valid('json');
      const form = await formFor(c, id);
      const current = await reviews.get(id);
      if (body.revision !== undefined && body.revision !== current.revision) {
        throw reviewConflict(id, body.revision, current.revision);
      }
      const next = applyMarks(current, body, form.form, clock());
      return c.json(reviewView(await reviews.save(next), c.get('actor'), unitOf(form)), 200);
    });
}

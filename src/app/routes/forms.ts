/**
 * `/api/forms`: save, list, read, change and delete forms. Every save scores the form and keeps
 * the report with it; changes and deletes need `If-Match` with the version the client read.
 */
import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { actorName, type Actor } from '../../core/access/actor.js';
import { scopeOf } from '../../core/access/rights.js';
import { scoreForm } from '../../core/index.js';
import type { FormRecord, SaveInput } from '../../store/repository.js';
import { checkedForm } from '../access/checked-form.js';
import type { ResolvedDeps } from '../deps.js';
import { createViewCache, jsonBytes } from '../view-cache.js';
import { authorOf, originsOf, SaveEnvelopeSchema } from '../request-body.js';
import { createRouter } from '../router.js';
import {
  errors,
  EtagHeader,
  formBody,
  FormPageSchema,
  FormViewSchema,
  IdParams,
  IfMatchHeaders,
  jsonResponse,
  UserHeaders,
} from '../schemas.js';
import { etagOf, requiredIfMatch, versionOfTag } from '../versions-header.js';

/** An optional query parameter; `?year=` (empty) counts as absent. */
const optionalQuery = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === '' ? undefined : value), schema.optional());

const ListQuerySchema = z.object({
  year: optionalQuery(
    z
      .string()
      .regex(/^\d{4}$/, '年度应为四位数字')
      .transform(Number),
  ).openapi({
    description: '年度（四位数字）',
  }),
  department: optionalQuery(z.string().max(200)).openapi({ description: '主管部门（完全一致）' }),
  q: optionalQuery(z.string().max(200)).openapi({ description: '在项目名称、主管部门、实施单位中查找的文字' }),
  limit: optionalQuery(
    z
      .string()
      .regex(/^\d{1,3}$/)
      .transform(Number)
      .pipe(z.number().int().min(1).max(100)),
  ).openapi({ description: '每页条数，1–100，默认 20' }),
  cursor: optionalQuery(z.string().max(1000)).openapi({ description: '上一页的 nextCursor（不透明）' }),
});

const SaveBody = formBody(
  SaveEnvelopeSchema,
  'SaveRequest',
  '一张自评表（见 Form），或 `{ form, origins?, author? }`；超过请求体上限返回 413。',
);
type FormViewJson = z.output<typeof FormViewSchema>;

const saved = { ...EtagHeader, Location: { description: '新表的地址', schema: { type: 'string' as const } } };

const createFormRoute = createRoute({
  method: 'post',
  path: '/forms',
  summary: '保存新表',
  description: '评分并保存为第 1 版。',
  request: { headers: UserHeaders, body: { required: true, content: { 'application/json': { schema: SaveBody } } } },
  responses: {
    201: { ...jsonResponse(FormViewSchema, '已保存'), headers: saved },
    ...errors(400, 413, 415, 422, 500),
  },
});

const listFormsRoute = createRoute({
  method: 'get',
  path: '/forms',
  summary: '表单列表',
  description: '按最近保存时间倒序（同时按编号）分页；`nextCursor` 传回 `cursor` 取下一页。',
  request: { query: ListQuerySchema },
  responses: { 200: jsonResponse(FormPageSchema, '一页摘要'), ...errors(400) },
});

const getFormRoute = createRoute({
  method: 'get',
  path: '/forms/{id}',
  summary: '读取一张表',
  request: {
    params: IdParams,
    headers: z.object({
      'If-None-Match': z.string().max(1000).optional().openapi({ description: '已有版本的 ETag；未变时返回 304' }),
    }),
  },
  responses: {
    200: { ...jsonResponse(FormViewSchema, '当前版本'), headers: EtagHeader },
    304: { description: '未变（If-None-Match 命中）' },
    ...errors(404),
  },
});

const updateFormRoute = createRoute({
  method: 'put',
  path: '/forms/{id}',
  summary: '保存新版本',
  description: '以 If-Match 的版本为基础保存；成功后版本加一。',
  request: {
    params: IdParams,
    headers: IfMatchHeaders.extend(UserHeaders.shape),
    body: { required: true, content: { 'application/json': { schema: SaveBody } } },
  },
  responses: {
    200: { ...jsonResponse(FormViewSchema, '新版本'), headers: EtagHeader },
    ...errors(400, 404, 409, 413, 415, 422, 428, 500),
  },
});

const deleteFormRoute = createRoute({
  method: 'delete',
  path: '/forms/{id}',
  summary: '删除一张表',
  description: '连同全部历史删除；需 If-Match 为当前版本。',
  request: { params: IdParams, headers: IfMatchHeaders },
  responses: { 204: { description: '已删除' }, ...errors(400, 404, 409, 428) },
});

/** True when an `If-None-Match` value names `version`. */
const matchesVersion = (header: string | undefined, version: number): boolean =>
  header?.split(',').some((tag) => versionOfTag(tag) === version) ?? false;

/** The form routes, to be mounted under `/api`. */
export function formsRoutes(deps: ResolvedDeps) {
  const { store, reviews, clock } = deps;
  const views = createViewCache();
  /** The view of `record` as JSON bytes with its ETag (built once per version). */
  const viewResponse = async <S extends 200 | 201>(c: Context, record: FormRecord, status: S) => {
    const bytes = await views.bytes(record, () => store.narratives(record.id));
    return jsonBytes<FormViewJson, S>(c, bytes, status, { etag: etagOf(record.version) });
  };

  /** The save input of a checked body: the form scored, who saved it (a signed-in user by name) and when. */
  const saveInput = (body: z.output<typeof SaveBody>, user: string | undefined, actor: Actor): SaveInput => ({
    form: body.form,
    report: scoreForm(body.form),
    by: actorName(actor, authorOf(user, body.author)),
    at: clock(),
    origins: originsOf(body.origins),
    // A new form belongs to its creator's unit (issue #12); updates keep the form's
    ...(actor.kind === 'user' ? { unit: actor.unit } : {}),
  });

  return createRouter()
    .openapi(createFormRoute, async (c) => {
      const input = saveInput(c.req.valid('json'), c.req.valid('header')['X-Ziping-User'], c.get('actor'));
      const record = await store.create(input);
      c.header('Location', `/api/forms/${record.id}`);
      return viewResponse(c, record, 201);
    })
    .openapi(listFormsRoute, async (c) => {
      // Only the forms the caller may read (issue #12); the local actor's scope is every form
      const scope = scopeOf(c.get('actor'), 'read');
      const page = await store.list({ ...c.req.valid('query'), scope });
      // Each summary with its review status (issue #12), read for the page in one call
      const statuses = await reviews.statuses(page.items.map((s) => s.id));
      return c.json({ ...page, items: page.items.map((s) => ({ ...s, reviewStatus: statuses[s.id]! })) }, 200);
    })
    .openapi(getFormRoute, async (c) => {
      const record = await checkedForm(c, store, c.req.valid('param').id);
      if (matchesVersion(c.req.valid('header')['If-None-Match'], record.version)) {
        return c.body(null, 304, { ETag: etagOf(record.version) });
      }
      return viewResponse(c, record, 200);
    })
    .openapi(updateFormRoute, async (c) => {
      const { id } = c.req.valid('param');
      const headers = c.req.valid('header');
      const expected = requiredIfMatch(headers['If-Match']);
      const input = saveInput(c.req.valid('json'), headers['X-Ziping-User'], c.get('actor'));
      const record = await store.update(id, expected, input);
      return viewResponse(c, record, 200);
    })
    .openapi(deleteFormRoute, async (c) => {
      const expected = requiredIfMatch(c.req.valid('header')['If-Match']);
      const { id } = c.req.valid('param');
      await store.delete(id, expected);
      await reviews.remove(id);
      views.forget(id);
      return c.body(null, 204);
    });
}

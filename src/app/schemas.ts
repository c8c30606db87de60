/**
 * Schemas shared by the routes: the public JSON shapes (form-format.md), named once as OpenAPI
 * components, the common parameters and headers, and the error responses. Data shapes come from
 * the core and store schemas that check forms and files; this file only names them for the API.
 */
import { z } from '@hono/zod-openapi';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { FormInput } from '../core/schema/form.js';
import { FormSchema } from '../core/schema/form.js';
import { ScoreReportSchema } from '../core/schema/report.js';
import { NarrativeOriginSchema } from '../core/narratives/origin.js';
import { NarrativeSnapshotSchema } from '../core/narratives/snapshot-schema.js';
import { isNarrativePath } from '../core/narratives/paths.js';
import { NarrativeEntrySchema, VersionEntrySchema } from '../store/records.js';
import { ReviewStatusSchema } from '../core/review/schemas.js';
import { ERROR_CODES } from './error-status.js';

/** A `$ref` to a component, for the few shapes zod cannot state (a body that is one of two). */
export const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

/**
 * Names a schema of core or the store as a component. Cloned first: zod binds methods when it
 * builds a schema, so one built before @hono/zod-openapi loaded has no `.openapi()`.
 */
function component<T extends z.ZodType>(schema: T, name: string, description?: string): T {
  return schema.clone().openapi(name, description ? { description } : {}) as T;
}

export const Form = component(FormSchema, 'Form', '自评表（shared/domain/form-format.md §1）');
export const ScoreReport = component(ScoreReportSchema, 'ScoreReport', '评分报告（form-format.md §2）');
export const NarrativeOrigin = component(NarrativeOriginSchema, 'NarrativeOrigin');
export const NarrativeSnapshot = component(NarrativeSnapshotSchema, 'NarrativeSnapshot');
export const VersionEntry = component(VersionEntrySchema, 'VersionEntry');
export const NarrativeEntry = NarrativeEntrySchema.extend({ snapshot: NarrativeSnapshot.nullable() }).openapi(
  'NarrativeEntry',
);

const isoTime = z.string().openapi({ format: 'date-time' });

// ---- errors -------------------------------------------------------------------------------

export const FieldIssueSchema = z
  .object({
    path: z.string().openapi({ example: 'indicators.0.weight' }),
    code: z.string(),
    message: z.string().openapi({ example: '分值必须是非负数' }),
  })
  .openapi('FieldIssue');

export const ErrorSchema = z
  .object({
    error: z.looseObject({
      code: z.enum(ERROR_CODES),
      message: z.string().openapi({ description: '中文说明，指出出错的字段' }),
      issues: z.array(FieldIssueSchema).optional(),
    }),
  })
  .openapi('Error', { description: '所有错误的形状；409 另含 currentVersion、expectedVersion，413 含 limitBytes' });

const ERROR_TEXT = {
  401: '未登录，或令牌/会话无效、已吊销（unauthorized）',
  403: '无权执行此操作（forbidden）、写请求缺少 CSRF 令牌（csrf_rejected）或来自其他网站（cross_site_request）',
  400: 'JSON 无法解析（invalid_json）或参数不对（invalid_request），issues 逐项列出',
  404: '没有这张表、这一版或这个接口（not_found）',
  409: '版本冲突（version_conflict）：表单已被更新，error.currentVersion 为当前版本；对话已达上限（chat_too_long）；审核流程中没有这一步（invalid_transition）',
  413: '请求体过大（payload_too_large）',
  415: '请求体不是 JSON（unsupported_media_type）',
  422: '表单不符合格式（invalid_form，issues 列出每个出错字段，路径相对于表单），评分口径不存在（unknown_profile），或评分结果含非有限数（non_finite_number）',
  423: '表单已提交审核或已通过，填报单位暂不能修改（form_locked）',
  428: '缺少 If-Match 请求头（precondition_required）',
  429: '起草和对话过于频繁（rate_limited）或本单位今日模型用量已达上限（budget_exhausted）；Retry-After 为秒数，error.resetAt 为恢复时间',
  500: '服务内部错误（internal_error）',
  502: '模型服务出错（model_error）或输出超长被中止（model_output_too_long）',
  503: '模型服务限流（model_rate_limited）',
  504: '模型服务超时（model_timeout）',
} as const;

type ErrorStatus = keyof typeof ERROR_TEXT;
type ErrorResponses<S extends ErrorStatus> = {
  [K in S]: { description: string; content: { 'application/json': { schema: typeof ErrorSchema } } };
};

/** The documented error responses of a route, by status. */
export function errors<S extends ErrorStatus>(...statuses: S[]): ErrorResponses<S> {
  const entries = statuses.map((s) => [
    s,
    { description: ERROR_TEXT[s], content: { 'application/json': { schema: ErrorSchema } } },
  ]);
  return Object.fromEntries(entries) as ErrorResponses<S>;
}

/** A JSON response with `schema`. */
export function jsonResponse<T extends z.ZodType>(schema: T, description: string) {
  return { description, content: { 'application/json': { schema } } } as const;
}

/** A JSON request body with `schema`. */
export function jsonBody<T extends z.ZodType>(schema: T, description?: string) {
  return {
    required: true,
    ...(description ? { description } : {}),
    content: { 'application/json': { schema } },
  } as const;
}

// ---- parameters and headers ---------------------------------------------------------------

/** `?profile=`: the rule profile to score by instead of the form's own. */
export const ProfileQuery = z.object({
  profile: z.string().min(1).max(100).optional().openapi({ description: '评分口径编号，覆盖表单的 profile' }),
});

export const IdParams = z.object({
  id: z.string().min(1).max(100).openapi({ description: '自评表编号（16 位小写字母和数字）' }),
});

/** A narrative cell path: `goals.actual` or `indicators.N.deviation` (N from 0). */
export const NarrativePathSchema = z
  .string()
  .max(40)
  .refine(isNarrativePath, { message: '应为 goals.actual 或 indicators.N.deviation' })
  .openapi({
    description: '`goals.actual` 或 `indicators.N.deviation`（N 从 0 起）',
    example: 'indicators.0.deviation',
  });

export const IfMatchHeaders = z.object({
  'If-Match': z
    .string()
    .max(100)
    .optional()
    .openapi({
      param: { required: true },
      description: '读取时得到的版本号（ETag），如 `"3"`；带不带引号、`W/` 都可以。缺少时 428，版本已过时 409。',
    }),
});

export const UserHeaders = z.object({
  'X-Ziping-User': z.string().max(400).optional().openapi({
    description: '保存人（写入历史）；中文请用百分号编码。请求体的 `author` 优先；都没有时记为“匿名”。',
  }),
});

export const EtagHeader = {
  ETag: { description: '当前版本号，带引号，如 `"3"`', schema: { type: 'string' as const } },
};

// ---- bodies that carry a form --------------------------------------------------------------

const isEnvelope = (body: unknown): boolean =>
  body !== null && typeof body === 'object' && !Array.isArray(body) && 'form' in body;

/** Envelopes only a `$ref` names (in a form body's `oneOf`): registered with the document. */
const envelopes = new Map<string, z.ZodType>();

/** Adds the envelope schemas of form bodies to an OpenAPI registry (the app's, before generating). */
export function registerEnvelopes(registry: OpenAPIHono['openAPIRegistry']): void {
  for (const [name, schema] of envelopes) registry.register(name, schema);
}

/**
 * A body that is a bare form or `{ form, ...envelope }`. Validation always sees `{ form, ... }`,
 * so the form's issues sit under `form` and the error hook reports them relative to the form.
 */
export function formBody<S extends z.ZodObject>(envelope: S, name: string, description: string) {
  envelopes.set(`${name}Envelope`, envelope);
  const documented = z
    .custom<FormInput | z.input<S>>(() => true)
    .openapi(name, { type: 'object', oneOf: [ref('Form'), ref(`${name}Envelope`)], description });
  return documented.pipe(z.preprocess((body) => (isEnvelope(body) ? body : { form: body }), envelope));
}

// ---- stored forms --------------------------------------------------------------------------

export const NarrativeStateSchema = z
  .object({
    origin: NarrativeOrigin,
    at: isoTime,
    by: z.string(),
    version: z.number().int().openapi({ description: '写入当前文字的版本' }),
    stale: z.boolean().openapi({ description: '文字写成后，相关的指标值、实际值、分值、得分或资金数字有变' }),
  })
  .openapi('NarrativeState');

export const FormViewSchema = z
  .object({
    id: z.string(),
    version: z.number().int().min(1),
    form: Form,
    report: ScoreReport,
    createdAt: isoTime,
    updatedAt: isoTime,
    narratives: z.record(z.string(), NarrativeStateSchema).openapi({ description: '有历史的叙述单元格，键为路径' }),
  })
  .openapi('FormView');

export const FormSummarySchema = z
  .object({
    id: z.string(),
    projectName: z.string(),
    year: z.number().int(),
    department: z.string().nullable(),
    implementer: z.string().nullable(),
    total: z.number().openapi({ description: '核定总分' }),
    selfTotal: z.number().nullable().openapi({ description: '自评总分' }),
    grade: z.string(),
    openIssues: z.number().int().openapi({ description: '报告中 error 与 warning 级问题数' }),
    version: z.number().int(),
    updatedAt: isoTime,
    reviewStatus: ReviewStatusSchema.clone().openapi({
      description: '审核状态：draft 草稿、submitted 已提交、returned 已退回、accepted 已通过',
    }),
    unit: z.string().optional().openapi({ description: '所属单位路径（启用账号后保存的表才有）' }),
  })
  .openapi('FormSummary');

export const FormPageSchema = z
  .object({ items: z.array(FormSummarySchema), nextCursor: z.string().nullable() })
  .openapi('FormPage');

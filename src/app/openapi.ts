/**
 * The OpenAPI 3.1 description served at `GET /api/openapi.json`. Paths, statuses and headers are
 * written by hand; the data shapes come from the same zod schemas that check requests and files,
 * so the document cannot drift from what the code accepts.
 */
import { z } from 'zod';
import { NarrativeOriginSchema } from '../core/narratives/origin.js';
import { NarrativeSnapshotSchema } from '../core/narratives/snapshot.js';
import { FormSchema } from '../core/schema/form.js';
import { ScoreReportSchema } from '../core/schema/report.js';
import { NarrativeEntrySchema, VersionEntrySchema } from '../store/records.js';

type Json = Record<string, unknown>;

/** A zod schema as an OpenAPI component (JSON Schema 2020-12 without its `$schema` tag). */
function component(schema: z.ZodType, io: 'input' | 'output' = 'output'): Json {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Json;
  return rest;
}

const ref = (name: string): Json => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: Json, description: string, headers?: Json): Json => ({
  description,
  ...(headers ? { headers } : {}),
  content: { 'application/json': { schema } },
});
const errorRef = (name: string): Json => ({ $ref: `#/components/responses/${name}` });

const idParam = { name: 'id', in: 'path', required: true, description: '自评表编号（16 位小写字母和数字）', schema: { type: 'string' } };
const ifMatch = {
  name: 'If-Match',
  in: 'header',
  required: true,
  description: '读取时得到的版本号（ETag），如 `"3"`；带不带引号、`W/` 都可以。缺少时 428，版本已过时 409。',
  schema: { type: 'string' },
};
const userHeader = {
  name: 'X-Ziping-User',
  in: 'header',
  required: false,
  description: '保存人（写入历史）；中文请用百分号编码。请求体的 `author` 优先；都没有时记为“匿名”。',
  schema: { type: 'string' },
};
const etagHeader = { ETag: { description: '当前版本号，带引号，如 `"3"`', schema: { type: 'string' } } };

function errorResponse(description: string, code: string): Json {
  return json({ allOf: [ref('Error')], example: { error: { code, message: '……' } } }, description);
}

let cached: Json | null = null;
let cachedLimit = -1;

/** The OpenAPI document for an app with the given body limit. */
export function openApiDocument(options: { bodyLimitBytes: number }): Json {
  if (cached && cachedLimit === options.bodyLimitBytes) return cached;
  const limit = options.bodyLimitBytes;
  const saveBody = {
    required: true,
    description: `一张自评表（见 Form），或 \`{ form, origins?, author? }\`。请求体上限 ${limit} 字节，超过返回 413。`,
    content: { 'application/json': { schema: { oneOf: [ref('Form'), ref('SaveEnvelope')] } } },
  };
  cached = {
    openapi: '3.1.0',
    info: {
      title: '绩效自评助手 Ziping API',
      version: '1.0.0',
      description: [
        '项目支出绩效自评表的评分、起草、对话修改、保存、版本与修订历史。请求和响应都是 JSON（UTF-8）；起草与对话另可用 SSE 流式返回。',
        '',
        `- 请求体上限：${limit} 字节（${(limit / 1024 / 1024).toFixed(2)} MiB），超过返回 413 \`payload_too_large\`。`,
        '- 错误统一为 `{ error: { code, message, issues? } }`，message 为中文；issues 逐项列出出错字段（路径相对于表单，如 `indicators.0.weight`）。',
        '- 400 JSON 无法解析（`invalid_json`）或参数不对（`invalid_request`）；422 表单不符合格式（`invalid_form`，列出每个出错字段）或未知评分口径；404 没有这个表或接口；409 版本冲突（body 含 `currentVersion`）；413 请求体过大；428 缺少 If-Match；500 服务内部错误。',
        '- 版本：每次保存版本号加一，ETag 即版本号。修改、删除必须带 If-Match；两个基于同一版本的保存，只有一个成功，另一个得到 409。',
        '- 叙述单元格（`goals.actual` 实际完成情况、`indicators.N.deviation` 偏差原因分析及改进措施）各有自己的历史，记录每段文字的来源（人工、内置模板或模型及提示词）；文字写成后相关数字或得分变了，标记为 stale。',
      ].join('\n'),
    },
    servers: [{ url: '/' }],
    paths: {
      '/api': { get: { summary: '接口索引', responses: { 200: json({ type: 'object' }, '名称与 OpenAPI 文档地址') } } },
      '/api/openapi.json': { get: { summary: '本文档', responses: { 200: json({ type: 'object' }, 'OpenAPI 3.1 文档') } } },
      '/api/score': {
        post: {
          summary: '评分（不保存）',
          description: '提交一张自评表（或 `{ form }`），返回评分报告。',
          parameters: [{ name: 'profile', in: 'query', required: false, description: '评分口径编号，覆盖表单的 profile', schema: { type: 'string' } }],
          requestBody: {
            required: true,
            description: `自评表。请求体上限 ${limit} 字节。`,
            content: { 'application/json': { schema: { oneOf: [ref('Form'), { type: 'object', required: ['form'], properties: { form: ref('Form') } }] } } },
          },
          responses: {
            200: json(ref('ScoreReport'), '评分报告'),
            400: errorRef('BadRequest'),
            413: errorRef('PayloadTooLarge'),
            422: errorRef('InvalidForm'),
            500: errorRef('InternalError'),
          },
        },
      },
      '/api/profiles': {
        get: {
          summary: '评分口径',
          description: '全部评分口径（规则配置）及每项设置的依据。',
          responses: {
            200: json(
              { type: 'object', required: ['defaultProfile', 'profiles'], properties: { defaultProfile: { type: 'string' }, profiles: { type: 'array', items: ref('RuleProfile') } } },
              '口径列表，默认口径在前',
            ),
          },
        },
      },
      '/api/forms': {
        post: {
          summary: '保存新表',
          description: '评分并保存为第 1 版。',
          parameters: [userHeader],
          requestBody: saveBody,
          responses: {
            201: json(ref('FormView'), '已保存', { ...etagHeader, Location: { description: '新表的地址', schema: { type: 'string' } } }),
            400: errorRef('BadRequest'),
            413: errorRef('PayloadTooLarge'),
            422: errorRef('InvalidForm'),
            500: errorRef('InternalError'),
          },
        },
        get: {
          summary: '表单列表',
          description: '按最近保存时间倒序（同时按编号）分页；`nextCursor` 传回 `cursor` 取下一页。',
          parameters: [
            { name: 'year', in: 'query', required: false, description: '年度（四位数字）', schema: { type: 'integer' } },
            { name: 'department', in: 'query', required: false, description: '主管部门（完全一致）', schema: { type: 'string' } },
            { name: 'q', in: 'query', required: false, description: '在项目名称、主管部门、实施单位中查找的文字', schema: { type: 'string' } },
            { name: 'limit', in: 'query', required: false, description: '每页条数，1–100，默认 20', schema: { type: 'integer', minimum: 1, maximum: 100, default: 20 } },
            { name: 'cursor', in: 'query', required: false, description: '上一页的 nextCursor（不透明）', schema: { type: 'string' } },
          ],
          responses: { 200: json(ref('FormPage'), '一页摘要'), 400: errorRef('BadRequest') },
        },
      },
      '/api/forms/{id}': {
        get: {
          summary: '读取一张表',
          parameters: [idParam, { name: 'If-None-Match', in: 'header', required: false, description: '已有版本的 ETag；未变时返回 304', schema: { type: 'string' } }],
          responses: { 200: json(ref('FormView'), '当前版本', etagHeader), 304: { description: '未变（If-None-Match 命中）' }, 404: errorRef('NotFound') },
        },
        put: {
          summary: '保存新版本',
          description: '以 If-Match 的版本为基础保存；成功后版本加一。',
          parameters: [idParam, ifMatch, userHeader],
          requestBody: saveBody,
          responses: {
            200: json(ref('FormView'), '新版本', etagHeader),
            400: errorRef('BadRequest'),
            404: errorRef('NotFound'),
            409: errorRef('VersionConflict'),
            413: errorRef('PayloadTooLarge'),
            422: errorRef('InvalidForm'),
            428: errorRef('PreconditionRequired'),
            500: errorRef('InternalError'),
          },
        },
        delete: {
          summary: '删除一张表',
          description: '连同全部历史删除；需 If-Match 为当前版本。',
          parameters: [idParam, ifMatch],
          responses: {
            204: { description: '已删除' },
            400: errorRef('BadRequest'),
            404: errorRef('NotFound'),
            409: errorRef('VersionConflict'),
            428: errorRef('PreconditionRequired'),
          },
        },
      },
      '/api/forms/{id}/history': {
        get: {
          summary: '版本历史',
          description: '每次保存：版本号、时间、保存人、改动的字段（值有变化的叶子字段路径；第 1 版为空）。由旧到新。',
          parameters: [idParam],
          responses: {
            200: json({ type: 'object', required: ['id', 'versions'], properties: { id: { type: 'string' }, versions: { type: 'array', items: ref('VersionEntry') } } }, '版本历史'),
            404: errorRef('NotFound'),
          },
        },
      },
      '/api/forms/{id}/versions/{version}': {
        get: {
          summary: '读取某一版',
          description: '该版的表单；report 为该版表单按现行规则重新评分的结果。',
          parameters: [idParam, { name: 'version', in: 'path', required: true, schema: { type: 'integer', minimum: 1 } }],
          responses: { 200: json(ref('VersionView'), '该版内容', etagHeader), 400: errorRef('BadRequest'), 404: errorRef('NotFound') },
        },
      },
      '/api/forms/{id}/export.xlsx': {
        get: {
          summary: '导出 .xlsx 自评表',
          description: '按现行规则评分后，以官方版式（A4 横向，适合页宽）导出自评表；总分含预算执行率得分，与评分报告一致。Content-Disposition 以 filename* 给出中文文件名。',
          parameters: [idParam],
          responses: {
            200: { description: '.xlsx 文件', content: { 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: { type: 'string', format: 'binary' } } } },
            404: errorRef('NotFound'),
          },
        },
      },
      '/api/forms/{id}/export.docx': {
        get: {
          summary: '导出 .docx 自评表及自评报告',
          description: 'Word 文件：自评表（横向表格，合并单元格）和公文格式的项目支出绩效自评报告。`parts=table` 仅自评表，`parts=report` 仅自评报告，默认两者。',
          parameters: [idParam, { name: 'parts', in: 'query', required: false, schema: { type: 'string', enum: ['both', 'table', 'report'] } }],
          responses: {
            200: { description: '.docx 文件', content: { 'application/vnd.openxmlformats-officedocument.wordprocessingml.document': { schema: { type: 'string', format: 'binary' } } } },
            400: errorRef('BadRequest'),
            404: errorRef('NotFound'),
          },
        },
      },
      '/api/forms/{id}/drafts': {
        post: {
          summary: '起草叙述单元格',
          description: [
            '为已保存的表起草 `goals.actual`（实际完成情况）或 `indicators.N.deviation`（偏差原因分析及改进措施）。起草结果只是建议，保存前不改变任何已存内容。',
            '请求体三选一：`{ field }` 一个单元格；`{ fields: [...] }` 多个；`{ all: true }` 所有需要文字的单元格。可选 `maxChars` 字数上限。',
            '`Accept: text/event-stream` 时以 SSE 流式返回：`delta` {path, text} 新增文字；`reset` {path, reason} 之前的文字作废（重试、修复或改用内置起草）；批量时 `progress` {done, total, path, ok, result|error}；最后 `done`（与 JSON 响应相同）或 `error` {code, message}。',
          ].join('\n'),
          parameters: [idParam],
          requestBody: { required: true, content: { 'application/json': { schema: ref('DraftRequest') } } },
          responses: {
            200: json({ oneOf: [ref('DraftResult'), ref('DraftBatch')] }, '起草结果（含检查结果、起草器、模型、提示词编号与版本）'),
            400: errorRef('BadRequest'),
            404: errorRef('NotFound'),
            502: errorResponse('模型服务出错', 'model_error'),
            503: errorResponse('模型服务限流', 'model_rate_limited'),
            504: errorResponse('模型服务超时', 'model_timeout'),
          },
        },
      },
      '/api/draft': {
        post: {
          summary: '为请求中的表起草（不保存）',
          description: '供其他系统调用：请求体为 `{ form, field | fields | all, maxChars? }`，流式方式同上。查询参数 `profile` 可指定评分口径。',
          requestBody: { required: true, content: { 'application/json': { schema: { allOf: [ref('DraftRequest'), { type: 'object', required: ['form'], properties: { form: ref('Form') } }] } } } },
          responses: { 200: json({ oneOf: [ref('DraftResult'), ref('DraftBatch')] }, '起草结果'), 400: errorRef('BadRequest'), 422: errorRef('Unprocessable') },
        },
      },
      '/api/forms/{id}/chat': {
        post: {
          summary: '对话修改叙述文字',
          description: '按要求修改一个单元格的当前文字（更简洁、控制在120字以内、补充改进措施、语气更正式……），检查同起草；每个单元格的对话单独保存，下一条消息在此基础上继续。请求体 `{ field, message, currentText?, maxChars? }`，`currentText` 缺省为已保存的文字。支持 SSE，同起草。',
          parameters: [idParam],
          requestBody: { required: true, content: { 'application/json': { schema: ref('ChatRequest') } } },
          responses: { 200: json(ref('DraftResult'), '修改后的文字（history 为该单元格完整对话）'), 400: errorRef('BadRequest'), 404: errorRef('NotFound'), 502: errorResponse('模型服务出错', 'model_error') },
        },
        get: {
          summary: '读取单元格的对话',
          parameters: [idParam, { name: 'field', in: 'query', required: true, schema: { type: 'string' } }],
          responses: { 200: json({ type: 'object', properties: { field: { type: 'string' }, messages: { type: 'array', items: { type: 'object' } } } }, '对话记录'), 400: errorRef('BadRequest'), 404: errorRef('NotFound') },
        },
        delete: {
          summary: '清空单元格的对话',
          parameters: [idParam, { name: 'field', in: 'query', required: true, schema: { type: 'string' } }],
          responses: { 204: { description: '已清空' }, 400: errorRef('BadRequest'), 404: errorRef('NotFound') },
        },
      },
      '/api/forms/{id}/narratives/{path}/history': {
        get: {
          summary: '叙述单元格的历史',
          description: '一个叙述单元格每次变化的文字、来源、保存人，以及写成时依据的数字与得分（snapshot）；stale 表示与当前表单已不一致。',
          parameters: [idParam, { name: 'path', in: 'path', required: true, description: '`goals.actual` 或 `indicators.N.deviation`（N 从 0 起）', schema: { type: 'string' } }],
          responses: { 200: json(ref('NarrativeHistory'), '单元格历史'), 400: errorRef('BadRequest'), 404: errorRef('NotFound') },
        },
      },
    },
    components: {
      schemas: {
        Form: { ...component(FormSchema, 'input'), description: '自评表（shared/domain/form-format.md §1）' },
        ScoreReport: { ...component(ScoreReportSchema), description: '评分报告（form-format.md §2）' },
        NarrativeOrigin: component(NarrativeOriginSchema),
        NarrativeSnapshot: component(NarrativeSnapshotSchema),
        VersionEntry: component(VersionEntrySchema),
        NarrativeEntry: component(NarrativeEntrySchema),
        RuleProfile: {
          type: 'object',
          required: ['id', 'name', 'verified', 'settings', 'sources'],
          properties: {
            id: { type: 'string' },
            name: { type: 'string' },
            banner: { type: 'string', description: '使用此口径时在报告旁提示的文字' },
            extends: { type: 'string' },
            verified: { type: 'boolean' },
            settings: { type: 'object', description: '规则设置（执行率、数量指标、超额、定性分档、取整、等级……）' },
            sources: { type: 'object', description: '每项设置的依据：`{ tag, ref }`' },
          },
        },
        DraftRequest: {
          type: 'object',
          properties: {
            field: { type: 'string', description: '`goals.actual` 或 `indicators.N.deviation`' },
            fields: { type: 'array', items: { type: 'string' } },
            all: { type: 'boolean', description: '起草所有需要文字的单元格' },
            maxChars: { type: 'integer', minimum: 20, maximum: 5000 },
          },
        },
        ChatRequest: {
          type: 'object',
          required: ['field', 'message'],
          properties: {
            field: { type: 'string' },
            message: { type: 'string', maxLength: 2000 },
            currentText: { type: 'string' },
            maxChars: { type: 'integer', minimum: 20, maximum: 5000 },
          },
        },
        DraftResult: {
          type: 'object',
          required: ['path', 'text', 'checks', 'drafter', 'promptId', 'promptVersion'],
          properties: {
            path: { type: 'string' },
            text: { type: 'string' },
            checks: {
              type: 'object',
              description: '`ok`；`issues` [{code: empty|unknown_number|missing_fact|too_long|first_person, message, span?}]；`numbers` 文中每个数字及是否能在表中找到；`placeholders` 待补充处；`length`/`maxChars` 字数',
            },
            drafter: { enum: ['builtin', 'model'] },
            model: { type: 'string' },
            promptId: { type: 'string' },
            promptVersion: { type: 'string' },
            notice: { type: 'string' },
            repaired: { type: 'boolean' },
            fallback: { type: 'object', description: '模型失败时改用内置起草的原因 {code, message}' },
            history: { type: 'array', items: { type: 'object' } },
          },
        },
        DraftBatch: {
          type: 'object',
          properties: {
            total: { type: 'integer' },
            items: { type: 'array', items: { type: 'object', description: '{ path, ok: true, result } 或 { path, ok: false, error: {code, message} }' } },
          },
        },
        SaveEnvelope: {
          type: 'object',
          required: ['form'],
          additionalProperties: false,
          properties: {
            form: ref('Form'),
            origins: {
              type: 'object',
              description: '本次改动的叙述文字的来源，键为单元格路径；改了文字却没给来源的记为人工',
              additionalProperties: ref('NarrativeOrigin'),
            },
            author: { type: 'string', maxLength: 100, description: '保存人' },
          },
        },
        NarrativeState: {
          type: 'object',
          required: ['origin', 'at', 'by', 'version', 'stale'],
          properties: {
            origin: ref('NarrativeOrigin'),
            at: { type: 'string', format: 'date-time' },
            by: { type: 'string' },
            version: { type: 'integer', description: '写入当前文字的版本' },
            stale: { type: 'boolean', description: '文字写成后，相关的指标值、实际值、分值、得分或资金数字有变' },
          },
        },
        FormView: {
          type: 'object',
          required: ['id', 'version', 'form', 'report', 'createdAt', 'updatedAt', 'narratives'],
          properties: {
            id: { type: 'string' },
            version: { type: 'integer', minimum: 1 },
            form: ref('Form'),
            report: ref('ScoreReport'),
            createdAt: { type: 'string', format: 'date-time' },
            updatedAt: { type: 'string', format: 'date-time' },
            narratives: { type: 'object', description: '有历史的叙述单元格，键为路径', additionalProperties: ref('NarrativeState') },
          },
        },
        FormSummary: {
          type: 'object',
          required: ['id', 'projectName', 'year', 'department', 'implementer', 'total', 'selfTotal', 'grade', 'openIssues', 'version', 'updatedAt'],
          properties: {
            id: { type: 'string' },
            projectName: { type: 'string' },
            year: { type: 'integer' },
            department: { type: ['string', 'null'] },
            implementer: { type: ['string', 'null'] },
            total: { type: 'number', description: '核定总分' },
            selfTotal: { type: ['number', 'null'], description: '自评总分' },
            grade: { type: 'string' },
            openIssues: { type: 'integer', description: '报告中 error 与 warning 级问题数' },
            version: { type: 'integer' },
            updatedAt: { type: 'string', format: 'date-time' },
          },
        },
        FormPage: {
          type: 'object',
          required: ['items', 'nextCursor'],
          properties: { items: { type: 'array', items: ref('FormSummary') }, nextCursor: { type: ['string', 'null'] } },
        },
        VersionView: {
          allOf: [
            ref('VersionEntry'),
            { type: 'object', required: ['id', 'form', 'report'], properties: { id: { type: 'string' }, form: ref('Form'), report: ref('ScoreReport') } },
          ],
        },
        NarrativeHistory: {
          type: 'object',
          required: ['id', 'path', 'version', 'current', 'entries'],
          properties: {
            id: { type: 'string' },
            path: { type: 'string' },
            version: { type: 'integer', description: '表单当前版本' },
            current: { oneOf: [{ type: 'null' }, { type: 'object', properties: { text: { type: 'string' } } }], description: '当前文字；表中已无此单元格时为 null' },
            entries: { type: 'array', items: { allOf: [ref('NarrativeEntry'), { type: 'object', properties: { stale: { type: 'boolean' } } }] } },
          },
        },
        FieldIssue: {
          type: 'object',
          required: ['path', 'code', 'message'],
          properties: { path: { type: 'string', example: 'indicators.0.weight' }, code: { type: 'string' }, message: { type: 'string', example: '分值必须是非负数' } },
        },
        Error: {
          type: 'object',
          required: ['error'],
          properties: {
            error: {
              type: 'object',
              required: ['code', 'message'],
              additionalProperties: true,
              properties: {
                code: {
                  type: 'string',
                  enum: ['invalid_json', 'invalid_form', 'invalid_request', 'not_found', 'version_conflict', 'precondition_required', 'payload_too_large', 'unknown_profile', 'internal_error'],
                },
                message: { type: 'string', description: '中文说明' },
                issues: { type: 'array', items: ref('FieldIssue') },
              },
            },
          },
        },
      },
      responses: {
        BadRequest: errorResponse('JSON 无法解析（invalid_json）或参数不对（invalid_request）', 'invalid_json'),
        InvalidForm: errorResponse('表单不符合格式（invalid_form，issues 列出每个出错字段），或评分口径不存在（unknown_profile）', 'invalid_form'),
        NotFound: errorResponse('没有这张表、这一版或这个接口', 'not_found'),
        VersionConflict: json(
          {
            allOf: [ref('Error'), { type: 'object', properties: { error: { type: 'object', properties: { currentVersion: { type: 'integer' }, expectedVersion: { type: 'integer' } } } } }],
            example: { error: { code: 'version_conflict', message: '保存冲突：……', currentVersion: 4, expectedVersion: 3 } },
          },
          '版本冲突：表单已被更新，body 中 currentVersion 为当前版本',
        ),
        PayloadTooLarge: errorResponse(`请求体超过 ${limit} 字节`, 'payload_too_large'),
        PreconditionRequired: errorResponse('缺少 If-Match 请求头', 'precondition_required'),
        InternalError: errorResponse('服务内部错误', 'internal_error'),
      },
    },
  };
  cachedLimit = limit;
  return cached;
}

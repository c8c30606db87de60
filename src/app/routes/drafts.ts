/**
 * Drafting and revising narrative cells over HTTP:
 *   POST /api/forms/:id/drafts   { field } | { fields } | { all: true }   a stored form's cells
 *   POST /api/draft              { form, field | fields | all }          a form in the body, nothing stored
 *   POST /api/forms/:id/chat     { field, message, currentText? }        revise a cell, the chat kept per cell
 *   GET/DELETE /api/forms/:id/chat?field=                                read or forget a cell's chat
 * A draft is a proposal: nothing stored changes until the user saves the text (PUT /api/forms/:id).
 */
import { createRoute, z } from '@hono/zod-openapi';
import { scoreForm, ZipingError, type Form, type NarrativePath, type ScoreReport } from '../../core/index.js';
import {
  MAX_CHARS_RANGE,
  MAX_CHAT_MESSAGE_CHARS,
  MAX_CHAT_TURNS_PER_CELL,
  MAX_LONG_CELL_CHARS,
  MAX_ROWS,
} from '../../core/limits.js';
import { hasNarrativeCell, narrativeTextAt } from '../../core/narratives/index.js';
import { cellsNeedingText, draftMany } from '../../drafting/batch.js';
import type { Context } from 'hono';
import type { DraftEvent, Drafter, DraftRequest } from '../../drafting/types.js';
import type { AppEnv } from '../app-env.js';
import { checkedForm } from '../access/checked-form.js';
import type { FormRecord } from '../../store/repository.js';
import type { ResolvedDeps } from '../deps.js';
import { answerDraft, type EmitEvent } from '../draft-stream.js';
import { createRouter } from '../router.js';
import {
  errors,
  Form as FormRef,
  IdParams,
  jsonBody,
  jsonResponse,
  NarrativePathSchema,
  ProfileQuery,
} from '../schemas.js';
import { ChatHistorySchema, DraftAnswer, DraftResultSchema, SSE_EVENTS } from '../draft-schemas.js';

const MaxChars = z
  .number()
  .int()
  .min(MAX_CHARS_RANGE.min)
  .max(MAX_CHARS_RANGE.max)
  .optional()
  .openapi({ description: '字数上限' });

const DraftBodySchema = z
  .object({
    field: NarrativePathSchema.optional(),
    fields: z
      .array(NarrativePathSchema)
      .min(1)
      .max(MAX_ROWS + 1)
      .optional(),
    all: z.boolean().optional().openapi({ description: '起草所有需要文字的单元格' }),
    maxChars: MaxChars,
  })
  .openapi('DraftRequest');

const DraftFormBodySchema = DraftBodySchema.extend({ form: FormRef }).openapi('DraftFormRequest');

const ChatBodySchema = z
  .object({
    field: NarrativePathSchema,
    /** The form as the user sees it now (unsaved numbers); default the stored one. */
    form: FormRef.optional().openapi({ description: '页面上当前的表（未保存的数字）；缺省为已保存的表' }),
    message: z.string().trim().min(1).max(MAX_CHAT_MESSAGE_CHARS),
    currentText: z
      .string()
      .max(MAX_LONG_CELL_CHARS)
      .optional()
      .openapi({ description: '当前文字；缺省为已保存的文字' }),
    maxChars: MaxChars,
  })
  .openapi('ChatRequest');

const FieldQuerySchema = z.object({ field: NarrativePathSchema });

type DraftBody = z.output<typeof DraftBodySchema>;

const MODEL_ERRORS = errors(400, 404, 413, 415, 422, 429, 500, 502, 503, 504);

const storedDraftRoute = createRoute({
  method: 'post',
  path: '/forms/{id}/drafts',
  summary: '起草叙述单元格',
  description: [
    '为已保存的表起草 `goals.actual`（实际完成情况）或 `indicators.N.deviation`（偏差原因分析及改进措施）。起草结果只是建议，保存前不改变任何已存内容。',
    '请求体三选一：`{ field }` 一个单元格；`{ fields: [...] }` 多个；`{ all: true }` 所有需要文字的单元格。可选 `maxChars` 字数上限。',
    SSE_EVENTS,
  ].join('\n'),
  request: { params: IdParams, body: jsonBody(DraftBodySchema) },
  responses: { 200: DraftAnswer, ...MODEL_ERRORS },
});

const formDraftRoute = createRoute({
  method: 'post',
  path: '/draft',
  summary: '为请求中的表起草（不保存）',
  description: `供其他系统调用：请求体为 \`{ form, field | fields | all, maxChars? }\`。${SSE_EVENTS}`,
  request: {
    query: ProfileQuery,
    body: jsonBody(DraftFormBodySchema),
  },
  responses: { 200: DraftAnswer, ...MODEL_ERRORS },
});

const chatRoute = createRoute({
  method: 'post',
  path: '/forms/{id}/chat',
  summary: '对话修改叙述文字',
  description: [
    '按要求修改一个单元格的当前文字（更简洁、控制在120字以内、补充改进措施、语气更正式……），检查同起草；每个单元格的对话单独保存，下一条消息在此基础上继续。',
    SSE_EVENTS,
  ].join('\n'),
  request: { params: IdParams, body: jsonBody(ChatBodySchema) },
  responses: {
    200: {
      description: '修改后的文字（history 为该单元格完整对话）',
      content: {
        'application/json': { schema: DraftResultSchema },
        'text/event-stream': DraftAnswer.content['text/event-stream'],
      },
    },
    ...MODEL_ERRORS,
    ...errors(409),
  },
});

const getChatRoute = createRoute({
  method: 'get',
  path: '/forms/{id}/chat',
  summary: '读取单元格的对话',
  request: { params: IdParams, query: FieldQuerySchema },
  responses: {
    200: jsonResponse(z.object({ field: z.string(), messages: ChatHistorySchema }), '对话记录'),
    ...errors(400, 404),
  },
});

const deleteChatRoute = createRoute({
  method: 'delete',
  path: '/forms/{id}/chat',
  summary: '清空单元格的对话',
  request: { params: IdParams, query: FieldQuerySchema },
  responses: { 204: { description: '已清空' }, ...errors(400, 404) },
});

/** The cells a draft body asks for, checked against the form. */
function cellsOf(body: DraftBody, form: Form, report: ScoreReport): NarrativePath[] {
  const asked = [body.field !== undefined, body.fields !== undefined, body.all === true].filter(Boolean).length;
  if (asked !== 1) {
    throw new ZipingError('invalid_request', '请指定要起草的单元格：field、fields 或 all: true 三者之一', {
      issues: [{ path: 'field', code: 'required', message: '需要 field、fields 或 all: true 之一' }],
    });
  }
  const paths = body.all ? cellsNeedingText(form, report) : (body.fields ?? [body.field as NarrativePath]);
  const missing = paths.filter((p) => !hasNarrativeCell(form, p));
  if (missing.length > 0) {
    throw new ZipingError('invalid_request', `表中没有这些单元格：${missing.join('、')}`, {
      issues: missing.map((p) => ({ path: 'field', code: 'unknown_cell', message: `表中没有单元格 ${p}` })),
    });
  }
  return [...new Set(paths)];
}

/** One cell's request; the drafter reads the over-achievement ratio from the report's profile (core). */
function requestFor(form: Form, report: ScoreReport, path: NarrativePath, maxChars?: number): DraftRequest {
  return { form, report, path, ...(maxChars ? { maxChars } : {}) };
}

/** Forwards a drafter's stream events for one cell. */
const sinkFor = (emit: EmitEvent | null, path: NarrativePath) =>
  emit
    ? (event: DraftEvent) =>
        emit(event.type, event.type === 'delta' ? { path, text: event.text } : { path, reason: event.reason })
    : undefined;

/** The chat history the drafter continues from: the user's and the assistant's turns. */
async function chatTurns(deps: ResolvedDeps, id: string, path: NarrativePath) {
  const chat = await deps.store.getChat(id, path);
  // A bounded conversation per cell (limits.ts): every turn is sent to the model again
  if (chat.filter((m) => m.role === 'user').length >= MAX_CHAT_TURNS_PER_CELL) {
    throw new ZipingError(
      'chat_too_long',
      `该单元格的对话已达上限${MAX_CHAT_TURNS_PER_CELL}轮：请先清空对话（DELETE /api/forms/${id}/chat?field=${path}）再继续`,
      {
        issues: [{ path: 'field', code: 'chat_too_long', message: `对话最多${MAX_CHAT_TURNS_PER_CELL}轮` }],
      },
    );
  }
  return chat
    .filter((m) => m.role === 'user' || m.role === 'assistant')
    .map((m) => ({ role: m.role as 'user' | 'assistant', content: m.content }));
}

/** The text a chat revises: the one sent, else the cell's; an empty cell is drafted first. */
function textToRevise(form: Form, path: NarrativePath, sent: string | undefined): string {
  if (!hasNarrativeCell(form, path)) throw new ZipingError('invalid_request', `表中没有单元格 ${path}`);
  const currentText = sent ?? narrativeTextAt(form, path);
  if (currentText.trim() === '') {
    throw new ZipingError('invalid_request', '该单元格还没有文字：请先起草，再通过对话修改', {
      issues: [{ path: 'currentText', code: 'required', message: '当前文字为空' }],
    });
  }
  return currentText;
}

/** A batch item's failure as the API shows it. */
const failureOf = (error: ZipingError) => ({ code: error.code, message: error.message });

/** Several cells at `concurrency`, each reported as it finishes (`progress`), then all together. */
async function draftBatch(
  deps: ResolvedDeps,
  drafter: Drafter,
  requests: DraftRequest[],
  emit: EmitEvent | null,
  signal: AbortSignal,
) {
  const items = await draftMany(drafter, requests, {
    concurrency: deps.config.draftConcurrency,
    signal,
    sinkFor: (path) => sinkFor(emit, path),
    onProgress: ({ done, total, item }) =>
      emit?.('progress', {
        done,
        total,
        path: item.path,
        ok: item.ok,
        ...(item.ok ? { result: item.result } : { error: failureOf(item.error) }),
      }),
  });
  return {
    total: items.length,
    items: items.map((item) =>
      item.ok
        ? { path: item.path, ok: true, result: item.result }
        : { path: item.path, ok: false, error: failureOf(item.error) },
    ),
  };
}

/** The work of a draft request: one cell streamed as it is written, or a batch. */
function draftWork(deps: ResolvedDeps, drafter: Drafter, form: Form, report: ScoreReport, body: DraftBody) {
  const paths = cellsOf(body, form, report);
  const requests = paths.map((p) => requestFor(form, report, p, body.maxChars));
  return async (emit: EmitEvent | null, signal: AbortSignal) =>
    body.field
      ? drafter.draft(requests[0]!, sinkFor(emit, paths[0]!), signal)
      : draftBatch(deps, drafter, requests, emit, signal);
}

type ChatBody = z.output<typeof ChatBodySchema>;

/** Revises a stored form's cell and keeps the exchange in the cell's chat. */
async function chatWork(deps: ResolvedDeps, drafter: Drafter, record: FormRecord, body: ChatBody) {
  const { id } = record;
  const path = body.field as NarrativePath;
  // Revise against the numbers on screen when the page sends them, not the last saved ones
  const form = body.form ?? record.form;
  const report = body.form === undefined ? record.report : scoreForm(form, { profile: record.report.profile });
  const currentText = textToRevise(form, path, body.currentText);
  const history = await chatTurns(deps, id, path);
  return async (emit: EmitEvent | null, signal: AbortSignal) => {
    const request = { ...requestFor(form, report, path, body.maxChars), currentText, message: body.message, history };
    const result = await drafter.revise(request, sinkFor(emit, path), signal);
    const at = deps.clock().toISOString();
    const origin = {
      kind: result.drafter,
      ...(result.model ? { model: result.model } : {}),
      promptId: result.promptId,
      promptVersion: result.promptVersion,
    };
    const chat = await deps.store.appendChat(id, path, [
      { role: 'user', content: body.message, at },
      { role: 'assistant', content: result.text, at, origin },
    ]);
    return { ...result, history: chat };
  };
}

/** The drafting routes, to be mounted under `/api`. */
export function draftRoutes(deps: ResolvedDeps) {
  // The quota middleware hands each drafting request a metered drafter (quotas.ts)
  const drafterOf = (c: Context<AppEnv>): Drafter => c.get('drafter') ?? deps.drafter;

  return createRouter()
    .openapi(storedDraftRoute, async (c) => {
      const record = await checkedForm(c, deps.store, c.req.valid('param').id);
      const work = draftWork(deps, drafterOf(c), record.form, record.report, c.req.valid('json'));
      return answerDraft(c, work, deps.logError);
    })
    .openapi(formDraftRoute, async (c) => {
      const body = c.req.valid('json');
      const { profile } = c.req.valid('query');
      const report = scoreForm(body.form, profile ? { profile } : {});
      return answerDraft(c, draftWork(deps, drafterOf(c), body.form, report, body), deps.logError);
    })
    .openapi(chatRoute, async (c) => {
      const record = await checkedForm(c, deps.store, c.req.valid('param').id);
      const work = await chatWork(deps, drafterOf(c), record, c.req.valid('json'));
      return answerDraft(c, work, deps.logError);
    })
    .openapi(getChatRoute, async (c) => {
      const { id } = c.req.valid('param');
      const field = c.req.valid('query').field as NarrativePath;
      await checkedForm(c, deps.store, id);
      return c.json({ field, messages: await deps.store.getChat(id, field) }, 200);
    })
    .openapi(deleteChatRoute, async (c) => {
      const { id } = c.req.valid('param');
      await checkedForm(c, deps.store, id);
      await deps.store.clearChat(id, c.req.valid('query').field as NarrativePath);
      return c.body(null, 204);
    });
}

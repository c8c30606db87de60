/**
 * Drafting and revising narrative cells over HTTP:
 *   POST /api/forms/:id/drafts   { field } | { fields } | { all: true }   a stored form's cells
 *   POST /api/draft              { form, field | fields | all }          a form in the body, nothing stored
 *   POST /api/forms/:id/chat     { field, message, currentText? }        revise a cell, the chat kept per cell
 *   GET/DELETE /api/forms/:id/chat?field=                                read or forget a cell's chat
 * A draft is a proposal: nothing stored changes until the user saves the text (PUT /api/forms/:id).
 */
import { Hono } from 'hono';
import { z } from 'zod';
import { overAchievementRatio, parseWith, scoreForm, ZipingError, type Form, type NarrativePath, type ScoreReport } from '../../core/index.js';
import { hasNarrativeCell, isNarrativePath, narrativeTextAt } from '../../core/narratives/index.js';
import { cellsNeedingText, draftMany } from '../../drafting/batch.js';
import type { DraftEvent, DraftRequest } from '../../drafting/types.js';
import type { ResolvedDeps } from '../deps.js';
import { answerDraft, type EmitEvent } from '../draft-stream.js';
import { formOf, readJsonBody } from '../request-body.js';

const PathSchema = z.string().refine(isNarrativePath, { message: '应为 goals.actual 或 indicators.N.deviation' });
const MaxChars = z.number().int().min(20).max(5000).optional();

const DraftBodySchema = z.object({
  field: PathSchema.optional(),
  fields: z.array(PathSchema).min(1).max(500).optional(),
  all: z.boolean().optional(),
  maxChars: MaxChars,
  form: z.unknown().optional(),
});

const ChatBodySchema = z.object({
  field: PathSchema,
  /** The form as the user sees it now (unsaved numbers); default the stored one. */
  form: z.unknown().optional(),
  message: z.string().trim().min(1).max(2000),
  currentText: z.string().max(20000).optional(),
  maxChars: MaxChars,
});

const FieldQuerySchema = z.object({ field: PathSchema });

/** The cells a draft body asks for, checked against the form. */
function cellsOf(body: z.infer<typeof DraftBodySchema>, form: Form, report: ScoreReport): NarrativePath[] {
  const asked = [body.field !== undefined, body.fields !== undefined, body.all === true].filter(Boolean).length;
  if (asked !== 1) {
    throw new ZipingError('invalid_request', '请指定要起草的单元格：field、fields 或 all: true 三者之一', {
      issues: [{ path: 'field', code: 'required', message: '需要 field、fields 或 all: true 之一' }],
    });
  }
  const paths = body.all ? cellsNeedingText(form, report) : body.fields ?? [body.field as NarrativePath];
  const missing = paths.filter((p) => !hasNarrativeCell(form, p));
  if (missing.length > 0) {
    throw new ZipingError('invalid_request', `表中没有这些单元格：${missing.join('、')}`, {
      issues: missing.map((p) => ({ path: 'field', code: 'unknown_cell', message: `表中没有单元格 ${p}` })),
    });
  }
  return [...new Set(paths)];
}

function requestFor(form: Form, report: ScoreReport, path: NarrativePath, maxChars?: number): DraftRequest {
  return { form, report, path, ...(maxChars ? { maxChars } : {}), overAchievementRatio: overAchievementRatio(report.profile) };
}

/** Forwards a drafter's stream events for one cell. */
const sinkFor = (emit: EmitEvent | null, path: NarrativePath) =>
  emit ? (event: DraftEvent) => void emit(event.type, event.type === 'delta' ? { path, text: event.text } : { path, reason: event.reason }) : undefined;

/** The drafting routes, to be mounted under `/api`. */
export function draftRoutes(deps: ResolvedDeps): Hono {
  const app = new Hono();
  const { drafter } = deps;

  const draftCells = (form: Form, report: ScoreReport, body: z.infer<typeof DraftBodySchema>) => {
    const paths = cellsOf(body, form, report);
    return async (emit: EmitEvent | null, signal: AbortSignal) => {
      if (body.field) return drafter.draft(requestFor(form, report, paths[0]!, body.maxChars), sinkFor(emit, paths[0]!), signal);
      const items = await draftMany(drafter, paths.map((p) => requestFor(form, report, p, body.maxChars)), {
        concurrency: deps.config.draftConcurrency,
        signal,
        sinkFor: (path) => sinkFor(emit, path),
        onProgress: ({ done, total, item }) => void emit?.('progress', {
          done, total, path: item.path, ok: item.ok,
          ...(item.ok ? { result: item.result } : { error: { code: item.error.code, message: item.error.message } }),
        }),
      });
      return {
        total: items.length,
        items: items.map((item) => (item.ok
          ? { path: item.path, ok: true, result: item.result }
          : { path: item.path, ok: false, error: { code: item.error.code, message: item.error.message } })),
      };
    };
  };

  app.post('/forms/:id/drafts', async (c) => {
    const record = await deps.store.get(c.req.param('id'));
    const body = parseWith(DraftBodySchema, await readJsonBody(c), 'invalid_request', '请求');
    return answerDraft(c, draftCells(record.form, record.report, body), deps.logError);
  });

  app.post('/draft', async (c) => {
    const body = parseWith(DraftBodySchema, await readJsonBody(c), 'invalid_request', '请求');
    if (body.form === undefined) {
      throw new ZipingError('invalid_request', '请求缺少 form（完整的自评表）', { issues: [{ path: 'form', code: 'required', message: '缺少自评表' }] });
    }
    const form = formOf(body.form);
    const profile = c.req.query('profile');
    return answerDraft(c, draftCells(form, scoreForm(form, profile ? { profile } : {}), body), deps.logError);
  });

  app.post('/forms/:id/chat', async (c) => {
    const id = c.req.param('id');
    const record = await deps.store.get(id);
    const body = parseWith(ChatBodySchema, await readJsonBody(c), 'invalid_request', '请求');
    const path = body.field as NarrativePath;
    // Revise against the numbers on screen when the page sends them, not the last saved ones
    const form = body.form === undefined ? record.form : formOf(body.form);
    const report = body.form === undefined ? record.report : scoreForm(form, { profile: record.report.profile });
    if (!hasNarrativeCell(form, path)) throw new ZipingError('invalid_request', `表中没有单元格 ${path}`);
    const currentText = body.currentText ?? narrativeTextAt(form, path);
    if (currentText.trim() === '') {
      throw new ZipingError('invalid_request', '该单元格还没有文字：请先起草，再通过对话修改', { issues: [{ path: 'currentText', code: 'required', message: '当前文字为空' }] });
    }
    const history = (await deps.store.getChat(id, path))
      .filter((m) => m.role === 'user' || m.role === 'assistant')
      .map((m) => ({ role: m.role as 'user' | 'assistant', content: m.content }));
    return answerDraft(c, async (emit, signal) => {
      const result = await drafter.revise(
        { ...requestFor(form, report, path, body.maxChars), currentText, message: body.message, history },
        sinkFor(emit, path),
        signal,
      );
      const at = deps.clock().toISOString();
      const origin = { kind: result.drafter, ...(result.model ? { model: result.model } : {}), promptId: result.promptId, promptVersion: result.promptVersion };
      const chat = await deps.store.appendChat(id, path, [
        { role: 'user', content: body.message, at },
        { role: 'assistant', content: result.text, at, origin },
      ]);
      return { ...result, history: chat };
    }, deps.logError);
  });

  app.get('/forms/:id/chat', async (c) => {
    const { field } = parseWith(FieldQuerySchema, c.req.query(), 'invalid_request', '查询参数');
    await deps.store.get(c.req.param('id'));
    return c.json({ field, messages: await deps.store.getChat(c.req.param('id'), field as NarrativePath) });
  });

  app.delete('/forms/:id/chat', async (c) => {
    const { field } = parseWith(FieldQuerySchema, c.req.query(), 'invalid_request', '查询参数');
    await deps.store.get(c.req.param('id'));
    await deps.store.clearChat(c.req.param('id'), field as NarrativePath);
    return c.body(null, 204);
  });

  return app;
}

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startOpenAIServer, type OpenAIServer } from '../support/openai-server.js';
import { jsonOf, startTestServer, type TestServer } from '../support/server.js';
import { readSse, readUntilFirstDelta } from '../support/sse.js';
import { seedForm } from '../support/seed.js';

const SSE = { accept: 'text/event-stream' };
// A deviation text for 支持智源学者 whose every number comes from the form
const GOOD_REVERSE =
  '该指标为反向指标，年度指标值为≤10人，实际为20人，超出上限10人，偏差率100%。偏差原因：〔待补充：超出上限的原因〕。改进措施：后续将加强过程控制，科学合理设定指标上限。';

async function createSeed(server: TestServer): Promise<{ id: string; version: number }> {
  const res = await server.send('/api/forms', seedForm());
  expect(res.status).toBe(201);
  return jsonOf(res) as Promise<{ id: string; version: number }>;
}

describe('drafting with the built-in drafter (no model configured)', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server.stop();
  });

  it('drafts one deviation cell as JSON, with its checks, and stores nothing', async () => {
    const { id } = await createSeed(server);
    const res = await server.send(`/api/forms/${id}/drafts`, { field: 'indicators.5.deviation' });
    expect(res.status).toBe(200);
    const draft = await jsonOf(res);
    expect(draft).toMatchObject({
      path: 'indicators.5.deviation',
      drafter: 'builtin',
      promptId: 'deviation-reverse-exceeded',
    });
    expect(draft.text).toContain('≤10人');
    expect(draft.text).toContain('20人');
    expect(draft.checks.ok).toBe(true);
    expect(draft.checks.placeholders.length).toBeGreaterThan(0);
    expect(draft.checks.numbers.every((n: { found: boolean }) => n.found)).toBe(true);
    const stored = await jsonOf(await server.request(`/api/forms/${id}`));
    expect(stored.version).toBe(1);
    expect(stored.form.indicators[5].deviation).toBe('');
  });

  it('drafts every cell that needs text as a stream with progress', async () => {
    const { id } = await createSeed(server);
    const events = await readSse(await server.send(`/api/forms/${id}/drafts`, { all: true }, { headers: SSE }));
    const progress = events.filter((e) => e.event === 'progress');
    const done = events.find((e) => e.event === 'done')!;
    expect(done.data.items.map((i: { path: string }) => i.path)).toEqual([
      'goals.actual',
      'indicators.4.deviation',
      'indicators.5.deviation',
      'indicators.6.deviation',
    ]);
    expect(progress.map((e) => e.data.done)).toEqual([1, 2, 3, 4]);
    expect(progress.every((e) => e.data.total === 4)).toBe(true);
    for (const item of done.data.items) expect(item.result.checks.ok).toBe(true);
    expect(done.data.items[0].result.text).toContain('20500万元');
  });

  it('drafts a form sent in the body (POST /api/draft) for other systems', async () => {
    const res = await server.send('/api/draft', { form: seedForm(), field: 'goals.actual' });
    const draft = await jsonOf(res);
    expect(res.status).toBe(200);
    // the total as the form states it (自评总分89), not the rule total 87.5 that contradicts it
    expect(draft.text).toContain('本项目自评总分89分');
  });

  it.each([
    [{ form: seedForm() }, 'field'],
    [{ form: seedForm(), field: 'project.name' }, 'field'],
    [{ form: seedForm(), field: 'indicators.99.deviation' }, 'field'],
    [{ field: 'goals.actual' }, 'form'],
  ])('refuses a bad draft request with a clear error naming the field (%#)', async (body, path) => {
    const res = await server.send('/api/draft', body);
    expect(res.status).toBe(400);
    const error = (await jsonOf(res)).error;
    expect(error.code).toBe('invalid_request');
    expect(error.issues.map((i: { path: string }) => i.path)).toContain(path);
  });

  it('revises by chat, keeps the conversation per cell, and the next message builds on it', async () => {
    const { id } = await createSeed(server);
    const first = await jsonOf(
      await server.send(`/api/forms/${id}/chat`, {
        field: 'indicators.5.deviation',
        message: '控制在75字以内',
        currentText: GOOD_REVERSE,
      }),
    );
    // wording shortened, the cause placeholder and the measure kept
    expect(first.checks.length).toBeLessThanOrEqual(75);
    expect(first.text).toContain('措施：后续加强过程控制，科学合理设定指标上限');
    expect(first.history).toHaveLength(2);
    const chat = await jsonOf(await server.request(`/api/forms/${id}/chat?field=indicators.5.deviation`));
    expect(chat.messages.map((m: { role: string }) => m.role)).toEqual(['user', 'assistant']);
    expect(chat.messages[1].content).toBe(first.text);
    expect(chat.messages[1].origin).toMatchObject({ kind: 'builtin', promptId: expect.any(String) });
    const second = await jsonOf(
      await server.send(`/api/forms/${id}/chat`, {
        field: 'indicators.5.deviation',
        message: '更正式',
        currentText: first.text,
      }),
    );
    expect(second.history).toHaveLength(4);
    expect(
      (await server.request(`/api/forms/${id}/chat?field=indicators.5.deviation`, { method: 'DELETE' })).status,
    ).toBe(204);
    expect((await jsonOf(await server.request(`/api/forms/${id}/chat?field=indicators.5.deviation`))).messages).toEqual(
      [],
    );
  });

  it('refuses to revise an empty cell', async () => {
    const { id } = await createSeed(server);
    const res = await server.send(`/api/forms/${id}/chat`, { field: 'indicators.4.deviation', message: '精简' });
    expect(res.status).toBe(400);
    expect((await jsonOf(res)).error.message).toContain('请先起草');
  });

  it('saving a drafted text records its origin and the scores it was written against; changed numbers make it stale', async () => {
    const { id } = await createSeed(server);
    const draft = await jsonOf(await server.send(`/api/forms/${id}/drafts`, { field: 'indicators.5.deviation' }));
    const form = seedForm();
    form.indicators[5]!.deviation = draft.text;
    const saved = await server.send(
      `/api/forms/${id}`,
      {
        form,
        origins: {
          'indicators.5.deviation': {
            kind: draft.drafter,
            promptId: draft.promptId,
            promptVersion: draft.promptVersion,
          },
        },
      },
      { method: 'PUT', headers: { 'if-match': '1' } },
    );
    expect(saved.status).toBe(200);
    let view = await jsonOf(await server.request(`/api/forms/${id}`));
    expect(view.narratives['indicators.5.deviation']).toMatchObject({
      origin: { kind: 'builtin', promptId: 'deviation-reverse-exceeded' },
      stale: false,
    });
    form.indicators[5]!.actual = '15人';
    expect((await server.send(`/api/forms/${id}`, form, { method: 'PUT', headers: { 'if-match': '2' } })).status).toBe(
      200,
    );
    view = await jsonOf(await server.request(`/api/forms/${id}`));
    expect(view.narratives['indicators.5.deviation'].stale).toBe(true);
  });
});

describe('drafting through an OpenAI-compatible model on loopback', () => {
  let model: OpenAIServer;
  let server: TestServer;
  beforeAll(async () => {
    model = await startOpenAIServer();
    server = await startTestServer({
      env: {
        ZIPING_MODEL: 'test-model',
        OPENAI_BASE_URL: model.baseURL,
        OPENAI_API_KEY: 'sk-test',
        ZIPING_MODEL_RETRIES: '1',
        ZIPING_MODEL_TIMEOUT_MS: '5000',
        ZIPING_MODEL_FALLBACK: 'error',
      },
    });
  });
  afterAll(async () => {
    await server.stop();
    await model.close();
  });
  beforeEach(() => model.reset());

  it('streams the model text as deltas, then the checked result with model and prompt', async () => {
    const { id } = await createSeed(server);
    model.enqueue({ text: GOOD_REVERSE, chunkSize: 5 });
    const events = await readSse(
      await server.send(`/api/forms/${id}/drafts`, { field: 'indicators.5.deviation' }, { headers: SSE }),
    );
    const deltas = events.filter((e) => e.event === 'delta');
    expect(deltas.length).toBeGreaterThan(3);
    expect(deltas.map((e) => e.data.text).join('')).toBe(GOOD_REVERSE);
    const done = events.at(-1)!;
    expect(done.event).toBe('done');
    expect(done.data).toMatchObject({
      text: GOOD_REVERSE,
      drafter: 'model',
      model: 'test-model',
      promptId: 'deviation-reverse-exceeded',
      checks: { ok: true },
    });
    expect(model.requests[0]!.body).toMatchObject({ model: 'test-model', stream: true });
  });

  it('asks the model once to repair an invented number, and says so', async () => {
    const { id } = await createSeed(server);
    model.enqueue({ text: GOOD_REVERSE.replace('20人', '25人') }, { text: GOOD_REVERSE });
    const draft = await jsonOf(await server.send(`/api/forms/${id}/drafts`, { field: 'indicators.5.deviation' }));
    expect(draft).toMatchObject({ text: GOOD_REVERSE, repaired: true, checks: { ok: true } });
    expect(model.requests).toHaveLength(2);
  });

  it('reports a model that keeps failing as a clear error event, with no text', async () => {
    const { id } = await createSeed(server);
    model.setDefault({ status: 500, errorMessage: 'upstream down' });
    const events = await readSse(
      await server.send(`/api/forms/${id}/drafts`, { field: 'indicators.5.deviation' }, { headers: SSE }),
    );
    const last = events.at(-1)!;
    expect(last.event).toBe('error');
    expect(last.data.code).toBe('model_error');
    expect(last.data.message).toMatch(/模型/);
    expect(events.some((e) => e.event === 'done')).toBe(false);
  });

  it('answers a failing model as JSON with its HTTP status when not streaming', async () => {
    const { id } = await createSeed(server);
    model.setDefault({ status: 429, headers: { 'retry-after': '0' } });
    const res = await server.send(`/api/forms/${id}/drafts`, { field: 'indicators.5.deviation' });
    expect(res.status).toBe(503);
    expect((await jsonOf(res)).error.code).toBe('model_rate_limited');
  });

  it('sends the earlier exchange of the cell with the next chat message', async () => {
    const { id } = await createSeed(server);
    model.enqueue({ text: GOOD_REVERSE }, { text: GOOD_REVERSE.replace('后续将', '下一步将') });
    await server.send(`/api/forms/${id}/chat`, {
      field: 'indicators.5.deviation',
      message: '语气更正式',
      currentText: GOOD_REVERSE,
    });
    const second = await jsonOf(
      await server.send(`/api/forms/${id}/chat`, {
        field: 'indicators.5.deviation',
        message: '换一种说法',
        currentText: GOOD_REVERSE,
      }),
    );
    expect(second.text).toContain('下一步将');
    const sent = JSON.stringify(model.requests.at(-1)!.body!.messages);
    expect(sent).toContain('语气更正式');
  });
});

describe('drafting details', () => {
  let model: OpenAIServer;
  let server: TestServer;
  beforeAll(async () => {
    model = await startOpenAIServer();
    server = await startTestServer({
      env: {
        ZIPING_MODEL: 'test-model',
        OPENAI_BASE_URL: model.baseURL,
        OPENAI_API_KEY: 'sk-test',
        ZIPING_MODEL_RETRIES: '0',
        ZIPING_MODEL_FALLBACK: 'error',
      },
    });
  });
  afterAll(async () => {
    await server.stop();
    await model.close();
  });

  it('streams each cell of a batch as it is written, tagged with its path', async () => {
    const { id } = await createSeed(server);
    model.setDefault({ text: GOOD_REVERSE, chunkSize: 8 });
    const events = await readSse(
      await server.send(`/api/forms/${id}/drafts`, { fields: ['indicators.5.deviation'] }, { headers: SSE }),
    );
    const deltas = events.filter((e) => e.event === 'delta');
    expect(deltas.length).toBeGreaterThan(2);
    expect(deltas.every((e) => e.data.path === 'indicators.5.deviation')).toBe(true);
    expect(events.at(-1)!.event).toBe('done');
  });

  it('revises against the unsaved numbers on the screen when the form comes along', async () => {
    const { id } = await createSeed(server);
    const onScreen = seedForm();
    onScreen.indicators[5]!.actual = '12人';
    const revised = GOOD_REVERSE.replace('20人', '12人').replace('超出上限10人，偏差率100%', '超出上限2人，偏差率20%');
    model.enqueue({ text: revised });
    const result = await jsonOf(
      await server.send(`/api/forms/${id}/chat`, {
        field: 'indicators.5.deviation',
        message: '按新数字改写',
        currentText: GOOD_REVERSE,
        form: onScreen,
      }),
    );
    expect(result.text).toBe(revised);
    // 12人 is only right for the numbers on the screen: the stored form says 20人
    expect(result.checks.ok).toBe(true);
    expect(JSON.stringify(model.requests.at(-1)!.body!.messages)).toContain('12人');
  });

  it('streams the first words before the model has finished, and cancels the model call when the client goes away', async () => {
    const { id } = await createSeed(server);
    model.reset();
    // A long, slow answer: only a cancelled call ends it before the test's time runs out
    model.enqueue({ text: '偏差原因：'.repeat(400), chunkSize: 2, chunkDelayMs: 100 });
    const client = new AbortController();
    const response = await server.send(
      `/api/forms/${id}/drafts`,
      { field: 'indicators.5.deviation' },
      { headers: SSE, signal: client.signal },
    );
    expect(response.headers.get('content-type')).toBe('text/event-stream');
    expect(response.headers.get('cache-control')).toBe('no-cache');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    const seen = await readUntilFirstDelta(response.body!.getReader());
    expect(seen).toMatch(/^event: delta\ndata: \{"path":"indicators\.5\.deviation","text":"偏差"\}\n\n/);
    expect(model.stats.inFlight).toBe(1);

    client.abort();
    const until = Date.now() + 10_000;
    while (model.stats.inFlight > 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
    expect(model.stats.inFlight).toBe(0);
    expect(model.requests).toHaveLength(1);
  });
});

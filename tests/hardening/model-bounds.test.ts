/**
 * Issue #8, "models without bounds": a model that streams forever was never cut off (each chunk
 * reset the silence timer) and a 10 MB answer was returned and stored in the chat. Each case runs
 * the real openai SDK against the loopback model server, first showing the finding (what the
 * per-chunk silence timeout alone does), then the bound.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { STATUS_OF_CODE } from '../../src/app/error-status.js';
import { ZipingError } from '../../src/core/errors.js';
import { MIN_MODEL_OUTPUT_CHARS } from '../../src/core/limits.js';
import type { NarrativePath } from '../../src/core/index.js';
import { createModelDrafter, type DraftEvent, type ModelDrafterOptions } from '../../src/drafting/index.js';
import { startOpenAIServer, type OpenAIServer } from '../support/openai-server.js';
import { jsonOf, startTestServer } from '../support/server.js';
import { repoPrompts, seed, seedInput } from '../drafting/helpers.js';

let model: OpenAIServer;
beforeAll(async () => {
  model = await startOpenAIServer();
});
afterEach(() => model.reset());
afterAll(() => model.close());

const prompts = repoPrompts();
const { form, report } = seed();
const ROW4: NarrativePath = 'indicators.4.deviation';
const TEN_MB = 10 * 1024 * 1024;

function drafter(overrides: Partial<ModelDrafterOptions> = {}) {
  return createModelDrafter({
    prompts,
    model: 'loop',
    apiKey: 'k',
    baseURL: model.baseURL,
    timeoutMs: 2000,
    maxRetries: 0,
    repair: false,
    ...overrides,
  });
}

async function failure(promise: Promise<unknown>): Promise<ZipingError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ZipingError);
  return error as ZipingError;
}

describe('a model that streams forever', () => {
  it('finding: the silence timeout alone never ends it (still running after 4 silence timeouts)', async () => {
    model.enqueue({ text: '本项目', forever: true, chunkDelayMs: 5 });
    const caller = new AbortController();
    const d = drafter({ timeoutMs: 1000, deadlineMs: 3_600_000, maxOutputChars: Number.MAX_SAFE_INTEGER });
    const events: DraftEvent[] = [];
    const call = d
      .draft({ form, report, path: ROW4 }, (e) => void events.push(e), caller.signal)
      .then(
        () => 'finished',
        (e: unknown) => `failed: ${String(e)}`,
      );
    const outcome = await Promise.race([call, new Promise((r) => setTimeout(() => r('still streaming'), 4000))]);
    caller.abort(new Error('test over'));
    await call;
    expect(outcome).toBe('still streaming');
    expect(events.length).toBeGreaterThan(10);
  });

  it('is cut at the output cap and nothing of it is returned', async () => {
    model.enqueue({ text: '本项目全年完成了各项任务。', forever: true, chunkDelayMs: 0 });
    const shown: string[] = [];
    const error = await failure(drafter().draft({ form, report, path: ROW4 }, (e) => void shown.push(e.type)));
    expect(error.code).toBe('model_output_too_long');
    expect(STATUS_OF_CODE[error.code]).toBe(502);
    expect(error.message).toContain(`${MIN_MODEL_OUTPUT_CHARS}字`);
    expect(shown).toContain('delta');
    expect(shown.at(-1)).toBe('reset'); // what the page showed is taken back
  });

  it('that only sends keep-alives is cut at the overall deadline', async () => {
    model.enqueue({ forever: true, foreverSilentText: true, chunkDelayMs: 5 });
    const error = await failure(drafter({ deadlineMs: 300 }).draft({ form, report, path: ROW4 }, () => undefined));
    expect(error.code).toBe('model_timeout');
    expect(error.details).toMatchObject({ deadlineMs: 300 });
  });

  it('the deadline also bounds a chat turn (revise) that never ends', async () => {
    model.enqueue({ forever: true, foreverSilentText: true, chunkDelayMs: 5 });
    const req = { form, report, path: ROW4, currentText: '原文字。', message: '更简洁', history: [] };
    const error = await failure(drafter({ deadlineMs: 300 }).revise(req, () => undefined));
    expect(error.code).toBe('model_timeout');
  });
});

describe('a model that sends 10 MB', () => {
  it('streamed: aborted at the cap', async () => {
    model.enqueue({ text: '完成', repeatTo: TEN_MB });
    const error = await failure(drafter().draft({ form, report, path: ROW4 }, () => undefined));
    expect(error.code).toBe('model_output_too_long');
  });

  it('in one JSON answer: refused, not returned', async () => {
    model.enqueue({ text: '完成', repeatTo: TEN_MB });
    const error = await failure(drafter().draft({ form, report, path: ROW4 }));
    expect(error.code).toBe('model_output_too_long');
  });

  it('a response body over the byte cap is cut while it is read', async () => {
    model.enqueue({ text: '完成', repeatTo: TEN_MB });
    const error = await failure(drafter({ maxResponseBytes: 1024 * 1024 }).draft({ form, report, path: ROW4 }));
    expect(error.code).toBe('model_output_too_long');
    expect(error.message).toContain('1048576字节');
  });

  it('an answer within the cap still passes', async () => {
    model.enqueue({ text: '该指标年度指标值为≥200台，实际完成296台。改进措施：今后将科学合理设定绩效指标值。' });
    const result = await drafter().draft({ form, report, path: ROW4 });
    expect(result.text).toContain('296台');
  });
});

describe('chat over HTTP with a model that sends 10 MB', () => {
  it('answers 502 model_output_too_long and stores nothing in the chat', async () => {
    const server = await startTestServer({
      env: {
        ZIPING_MODEL: 'loop',
        OPENAI_BASE_URL: model.baseURL,
        OPENAI_API_KEY: 'k',
        ZIPING_MODEL_RETRIES: '0',
        ZIPING_MODEL_FALLBACK: 'error',
      },
    });
    try {
      const created = await jsonOf(await server.send('/api/forms', seedInput()));
      const id = String(created.id);
      model.setDefault({ text: '完成', repeatTo: TEN_MB });
      const response = await server.send(`/api/forms/${id}/chat`, {
        field: ROW4,
        message: '更简洁',
        currentText: '原有文字。',
      });
      expect(response.status).toBe(502);
      expect((await jsonOf(response)).error.code).toBe('model_output_too_long');
      const chat = await jsonOf(await server.request(`/api/forms/${id}/chat?field=${ROW4}`));
      expect(chat.messages).toEqual([]);
    } finally {
      await server.stop();
    }
  });
});

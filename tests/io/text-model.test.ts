/**
 * The text model of import help and report prose calls a model as the drafter does: its errors
 * carry the drafter's codes and messages (model-errors.ts), its answer the drafter's cap and
 * cleaning, against the loopback OpenAI-protocol server.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ZipingError } from '../../src/core/errors.js';
import { createTextModel } from '../../src/drafting/text-model.js';
import { startOpenAIServer, type OpenAIServer, type ScriptedReply } from '../support/openai-server.js';

let openai: OpenAIServer;
beforeAll(async () => {
  openai = await startOpenAIServer();
});
afterAll(async () => {
  await openai.close();
});

const ask = async (reply: ScriptedReply, options: { maxRetries?: number; timeoutMs?: number } = {}) => {
  openai.enqueue(reply);
  const model = createTextModel({ model: 'text-model', baseURL: openai.baseURL, maxRetries: 0, ...options });
  return model.complete([{ role: 'user', content: '读表' }], { maxChars: 50 });
};
const failure = (reply: ScriptedReply, options?: { maxRetries?: number; timeoutMs?: number }) =>
  ask(reply, options).then(
    () => null,
    (error: unknown) => (error instanceof ZipingError ? [error.code, error.message] : error),
  );

describe('the text model fails as the drafter does', () => {
  it.each([
    [{ text: '好'.repeat(51) }, 'model_output_too_long', '模型输出超过50字，已中止；未保存任何部分文本'],
    [{ status: 429, errorMessage: 'slow down' }, 'model_rate_limited', '模型服务限流（HTTP 429）仍被拒绝，请稍后再试'],
    [
      { status: 404, errorMessage: 'no such model' },
      'model_error',
      '模型服务找不到接口或模型“text-model”（HTTP 404），请检查 OPENAI_BASE_URL 和 ZIPING_MODEL',
    ],
    [{ status: 401, errorMessage: 'bad key' }, 'model_error', '模型服务拒绝了访问（HTTP 401），请检查 OPENAI_API_KEY'],
    [
      { text: '{"a":1}', finishReason: 'length' },
      'model_error',
      '模型输出达到长度上限（max_tokens）被截断，未保存任何部分文本',
    ],
    [{ text: '   ' }, 'model_error', '模型返回了空文本'],
  ] as const)('%j → %s', async (reply, code, message) => {
    expect(await failure(reply)).toEqual([code, message]);
  });

  it('times out with the drafter’s message, naming its timeout', async () => {
    expect(await failure({ text: '{}', delayMs: 1500 }, { timeoutMs: 200 })).toEqual([
      'model_timeout',
      '模型服务在0.2秒内没有响应',
    ]);
  });

  it('answers the cleaned text: a reasoning block and fences are dropped', async () => {
    expect(await ask({ text: '<think>先想想</think>\n```json\n{"indicators":[]}\n```' })).toBe('{"indicators":[]}');
  });
});

/**
 * A configured model asked for one whole answer (no stream): what import help and the 自评报告
 * prose use. Same settings as the drafter (ZIPING_MODEL, OPENAI_BASE_URL, OPENAI_API_KEY, timeout,
 * retries; see env.ts) and the same response cap; no Node built-ins, so it runs in Workers too.
 */
import OpenAI from 'openai';
import { ZipingError } from '../core/errors.js';
import { drafterConfigFromEnv } from './env.js';
import { cappedFetch, MAX_MODEL_RESPONSE_BYTES, type ModelDrafterOptions } from './model.js';

export interface TextMessage {
  role: 'system' | 'user';
  content: string;
}

/** A model that answers a list of messages with one text. */
export interface TextModel {
  model: string;
  /** The answer's text; throws ZipingError `model_error` / `model_timeout` / `model_rate_limited`. */
  complete(messages: TextMessage[], options?: { signal?: AbortSignal; maxChars?: number }): Promise<string>;
}

export type TextModelOptions = Pick<
  ModelDrafterOptions,
  'model' | 'apiKey' | 'baseURL' | 'timeoutMs' | 'maxRetries' | 'fetch' | 'temperature' | 'maxTokens'
>;

function asZipingError(error: unknown, model: string): ZipingError {
  if (error instanceof ZipingError) return error;
  const details = { model };
  if (error instanceof OpenAI.APIConnectionTimeoutError)
    return new ZipingError('model_timeout', '模型服务没有按时响应', { details, cause: error });
  if (error instanceof OpenAI.APIError && error.status === 429)
    return new ZipingError('model_rate_limited', '模型服务限流（HTTP 429），请稍后再试', { details, cause: error });
  const message = error instanceof Error ? error.message : String(error);
  return new ZipingError('model_error', `调用模型失败：${message.slice(0, 300)}`, { details, cause: error });
}

/** A TextModel over any OpenAI-compatible chat completions server. */
export function createTextModel(options: TextModelOptions): TextModel {
  const client = new OpenAI({
    apiKey: options.apiKey || 'not-needed',
    baseURL: options.baseURL || undefined,
    timeout: options.timeoutMs ?? 60_000,
    maxRetries: options.maxRetries ?? 2,
    fetch: cappedFetch(options.fetch ?? fetch, MAX_MODEL_RESPONSE_BYTES),
  });
  return {
    model: options.model,
    async complete(messages, { signal, maxChars = 20_000 } = {}) {
      try {
        const res = await client.chat.completions.create(
          {
            model: options.model,
            messages,
            ...(options.temperature !== undefined ? { temperature: options.temperature } : {}),
            ...(options.maxTokens !== undefined ? { max_tokens: options.maxTokens } : {}),
          },
          { signal },
        );
        const text = res.choices[0]?.message?.content ?? '';
        if (res.choices[0]?.finish_reason === 'length') throw new Error('模型输出达到长度上限被截断');
        if (text.length > maxChars) throw new Error(`模型输出超过${maxChars}字`);
        return text;
      } catch (error) {
        if (signal?.aborted) throw signal.reason;
        throw asZipingError(error, options.model);
      }
    },
  };
}

/** The TextModel the environment configures (ZIPING_MODEL…), or null when none is (or ZIPING_DRAFTER=builtin). */
export function textModelFromEnv(
  env: Record<string, string | undefined>,
  deps: { fetch?: typeof fetch } = {},
): TextModel | null {
  const config = drafterConfigFromEnv(env);
  if (config.kind !== 'model') return null;
  return createTextModel({ ...config.options, ...(deps.fetch ? { fetch: deps.fetch } : {}) });
}

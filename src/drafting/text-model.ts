/**
 * A configured model asked for one whole answer (no stream): what import help and the 自评报告
 * prose use. The drafter's own caller (model-client.ts), call (model-retry.ts `complete`) and error
 * mapping (model-errors.ts), so settings (ZIPING_MODEL, OPENAI_BASE_URL, OPENAI_API_KEY, timeout,
 * retries; see env.ts), the response cap and the error codes are the drafter's; no Node built-ins,
 * so it runs in Workers too.
 */
import { drafterConfigFromEnv } from './env.js';
import { createCaller, type ModelDrafterOptions } from './model-client.js';
import { complete } from './model-retry.js';

export interface TextMessage {
  role: 'system' | 'user';
  content: string;
}

/** A model that answers a list of messages with one text. */
export interface TextModel {
  model: string;
  /** The answer's text; throws ZipingError `model_*` as the drafter does (model-errors.ts). */
  complete(messages: TextMessage[], options?: { signal?: AbortSignal; maxChars?: number }): Promise<string>;
}

export type TextModelOptions = Pick<
  ModelDrafterOptions,
  | 'model'
  | 'apiKey'
  | 'baseURL'
  | 'timeoutMs'
  | 'maxRetries'
  | 'fetch'
  | 'temperature'
  | 'maxTokens'
  | 'headers'
  | 'maxResponseBytes'
>;

/** The longest answer taken when the caller names none, in characters. */
const DEFAULT_MAX_CHARS = 20_000;

/** A TextModel over any OpenAI-compatible chat completions server; throws invalid_request without a model name. */
export function createTextModel(options: TextModelOptions): TextModel {
  const caller = createCaller(options);
  return {
    model: caller.model,
    complete: (messages, { signal, maxChars = DEFAULT_MAX_CHARS } = {}) =>
      complete(caller, { messages, signal, cap: maxChars }),
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

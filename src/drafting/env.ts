/**
 * Choosing the drafter from configuration. Takes the environment as a plain record (Node passes
 * `process.env`, a Worker its `env`), so this file stays free of `process`.
 *
 *   ZIPING_MODEL            model name; when empty the built-in drafter is used
 *   OPENAI_API_KEY          API key (local servers usually need none)
 *   OPENAI_BASE_URL         OpenAI-compatible endpoint, default https://api.openai.com/v1
 *   ZIPING_MODEL_TIMEOUT_MS per-attempt timeout and longest silence in a stream (default 60000)
 *   ZIPING_MODEL_RETRIES    retries after 429 / 5xx / timeout / broken stream (default 2)
 *   ZIPING_MODEL_FALLBACK   builtin (default): offer the built-in draft with a notice when the
 *                           model is unavailable; error: report the error only
 *   ZIPING_TEMPERATURE      sent only when set
 *   ZIPING_MAX_TOKENS       sent as max_tokens only when set
 *   ZIPING_DRAFTER          builtin: force the built-in drafter even when a model is configured
 *
 * Examples of OPENAI_BASE_URL / ZIPING_MODEL:
 *   OpenAI     https://api.openai.com/v1                          gpt-4o-mini
 *   DeepSeek   https://api.deepseek.com                           deepseek-chat
 *   Qwen       https://dashscope.aliyuncs.com/compatible-mode/v1  qwen-plus
 *   Moonshot   https://api.moonshot.cn/v1                         moonshot-v1-8k
 *   vLLM       http://127.0.0.1:8000/v1                           (the served model name)
 *   llama.cpp  http://127.0.0.1:8080/v1                           (any name)
 *   Ollama     http://127.0.0.1:11434/v1                          qwen2.5:7b
 */
import { ZipingError } from '../core/errors.js';
import { createBuiltinDrafter } from './builtin.js';
import { createModelDrafter, type ModelDrafterOptions } from './model.js';
import type { PromptSet } from './prompts.js';
import type { Drafter } from './types.js';

export type DrafterConfig =
  | { kind: 'builtin'; reason: string }
  | { kind: 'model'; options: Omit<ModelDrafterOptions, 'prompts' | 'fetch'> };

function intVar(env: Record<string, string | undefined>, name: string, min: number, max: number): number | undefined {
  const raw = env[name]?.trim();
  if (!raw) return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new ZipingError('invalid_request', `环境变量 ${name} 应为 ${min} 到 ${max} 之间的整数，而不是“${raw}”`, {
      details: { variable: name },
    });
  }
  return n;
}

/** ZIPING_MODEL_FALLBACK: `builtin` (default) or `error`. */
function fallbackVar(env: Record<string, string | undefined>): 'builtin' | 'error' {
  const fallback = (env.ZIPING_MODEL_FALLBACK?.trim() || 'builtin').toLowerCase();
  if (fallback === 'builtin' || fallback === 'error') return fallback;
  throw new ZipingError(
    'invalid_request',
    `环境变量 ZIPING_MODEL_FALLBACK 只能是 builtin 或 error，而不是“${env.ZIPING_MODEL_FALLBACK}”`,
    { details: { variable: 'ZIPING_MODEL_FALLBACK' } },
  );
}

/** OPENAI_BASE_URL, an http(s) URL when set. */
function baseUrlVar(env: Record<string, string | undefined>): string | undefined {
  const baseURL = env.OPENAI_BASE_URL?.trim();
  if (baseURL && !/^https?:\/\//.test(baseURL)) {
    throw new ZipingError(
      'invalid_request',
      `环境变量 OPENAI_BASE_URL 应以 http:// 或 https:// 开头，而不是“${baseURL}”`,
      { details: { variable: 'OPENAI_BASE_URL' } },
    );
  }
  return baseURL || undefined;
}

/** ZIPING_TEMPERATURE, 0 to 2 when set. */
function temperatureVar(env: Record<string, string | undefined>): number | undefined {
  const raw = env.ZIPING_TEMPERATURE?.trim();
  if (!raw) return undefined;
  const temperature = Number(raw);
  if (Number.isFinite(temperature) && temperature >= 0 && temperature <= 2) return temperature;
  throw new ZipingError('invalid_request', `环境变量 ZIPING_TEMPERATURE 应为 0 到 2 之间的数，而不是“${raw}”`, {
    details: { variable: 'ZIPING_TEMPERATURE' },
  });
}

/** Reads the drafter settings; throws `invalid_request` naming the variable when one is malformed. */
export function drafterConfigFromEnv(env: Record<string, string | undefined>): DrafterConfig {
  const model = env.ZIPING_MODEL?.trim();
  if (env.ZIPING_DRAFTER?.trim() === 'builtin') return { kind: 'builtin', reason: 'ZIPING_DRAFTER=builtin' };
  if (!model) {
    return {
      kind: 'builtin',
      reason:
        env.OPENAI_API_KEY || env.OPENAI_BASE_URL
          ? '已设置 OPENAI_API_KEY 或 OPENAI_BASE_URL，但未设置 ZIPING_MODEL，使用内置起草器'
          : '未配置模型，使用内置起草器',
    };
  }
  const fallback = fallbackVar(env);
  const baseURL = baseUrlVar(env);
  const temperature = temperatureVar(env);
  return {
    kind: 'model',
    options: {
      model,
      apiKey: env.OPENAI_API_KEY?.trim() || undefined,
      baseURL,
      timeoutMs: intVar(env, 'ZIPING_MODEL_TIMEOUT_MS', 100, 600_000),
      maxRetries: intVar(env, 'ZIPING_MODEL_RETRIES', 0, 10),
      builtinFallback: fallback === 'builtin',
      temperature,
      maxTokens: intVar(env, 'ZIPING_MAX_TOKENS', 16, 200_000),
      deadlineMs: intVar(env, 'ZIPING_MODEL_DEADLINE_MS', 100, 3_600_000),
    },
  };
}

/**
 * The model drafter when `ZIPING_MODEL` is set, else the built-in one. `prompts` defaults to the
 * bundled templates; a Node entry may pass `loadPromptsFromDir()` so edits apply on restart.
 */
export function createDrafterFromEnv(
  env: Record<string, string | undefined>,
  deps: { prompts?: PromptSet; fetch?: typeof fetch } = {},
): Drafter {
  const config = drafterConfigFromEnv(env);
  if (config.kind === 'builtin') return createBuiltinDrafter({ prompts: deps.prompts });
  return createModelDrafter({ ...config.options, prompts: deps.prompts, ...(deps.fetch ? { fetch: deps.fetch } : {}) });
}

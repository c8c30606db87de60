/**
 * What can go wrong calling a model, as the one error type: a stream cut or stalled, an answer that
 * is complete but unusable or too long, a connection or HTTP failure of the service. Each becomes a
 * ZipingError with a `model_*` code and a Chinese message that says what to check.
 */
import OpenAI from 'openai';
import { ZipingError } from '../core/errors.js';

/** A stream that broke or fell silent after it started: retried, then reported. */
export class StreamBroken extends Error {
  constructor(
    readonly reason: 'cut' | 'timeout',
    readonly chunks: number,
    options?: { cause?: unknown },
  ) {
    super(reason === 'cut' ? 'stream cut' : 'stream stalled', options);
  }
}

/** A model answer that is complete but unusable (empty, cut by max_tokens, filtered): not retried. */
export class BadAnswer extends Error {}

/** An answer over the output cap: the stream is aborted, nothing of it is used (issue #8). */
export class OutputTooLong extends BadAnswer {}

/** The message of a response body cut at `maxBytes`. */
export const tooManyBytesMessage = (maxBytes: number) => `模型回答超过${maxBytes}字节，已中止；未保存任何部分文本`;

/** `error` or the first of its causes that is an OutputTooLong (the SDK may wrap a body error). */
function outputTooLong(error: unknown): OutputTooLong | null {
  for (let e = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    if (e instanceof OutputTooLong) return e;
  }
  return null;
}

/** Milliseconds as people read them: `1.5秒`. */
export const seconds = (ms: number) => `${Math.round(ms / 100) / 10}秒`;

/** The calls an error came from: the model, where it is served, and the drafter's limits. */
export interface ModelCalls {
  model: string;
  /** The service's base URL, for the message. */
  where: string;
  timeoutMs: number;
  maxRetries: number;
}

type Details = Record<string, unknown>;

/** A stream that broke or stalled after it started, retried `streamRetries` times. */
function streamError(error: StreamBroken, streamRetries: number, calls: ModelCalls, base: Details): ZipingError {
  const tried = streamRetries ? `，已重试${streamRetries}次` : '';
  return error.reason === 'timeout'
    ? new ZipingError(
        'model_timeout',
        `模型输出中途停顿超过${seconds(calls.timeoutMs)}${tried}，仍未写完；未保存任何部分文本`,
        { details: { ...base, retries: streamRetries }, cause: error },
      )
    : new ZipingError('model_error', `模型输出在第${error.chunks}个片段后中断${tried}，仍未写完；未保存任何部分文本`, {
        details: { ...base, retries: streamRetries, transient: true },
        cause: error,
      });
}

/** An HTTP answer of the service that is an error, by its status. */
function httpError(error: InstanceType<typeof OpenAI.APIError>, calls: ModelCalls, base: Details): ZipingError {
  const { maxRetries, model } = calls;
  const tried = maxRetries ? `，已重试${maxRetries}次` : '';
  const status = error.status;
  const upstream = String(error.message ?? '').slice(0, 300);
  const details = { ...base, status, upstream };
  const retried = { ...details, retries: maxRetries };
  if (status === 429) {
    const message = `模型服务限流（HTTP 429）${tried}仍被拒绝，请稍后再试`;
    return new ZipingError('model_rate_limited', message, { details: retried, cause: error });
  }
  if (status === 401 || status === 403) {
    const message = `模型服务拒绝了访问（HTTP ${status}），请检查 OPENAI_API_KEY`;
    return new ZipingError('model_error', message, { details, cause: error });
  }
  if (status === 404) {
    const message = `模型服务找不到接口或模型“${model}”（HTTP 404），请检查 OPENAI_BASE_URL 和 ZIPING_MODEL`;
    return new ZipingError('model_error', message, { details, cause: error });
  }
  if (status !== undefined && (status >= 500 || status === 408 || status === 409)) {
    const message = `模型服务出错（HTTP ${status}）${tried}仍失败，请稍后再试`;
    return new ZipingError('model_error', message, { details: { ...retried, transient: true }, cause: error });
  }
  if (status === undefined) {
    const message = `模型服务在输出中报告错误：${upstream}`;
    return new ZipingError('model_error', message, { details: { ...details, transient: true }, cause: error });
  }
  const message = `模型服务拒绝了请求（HTTP ${status}）：${upstream}`;
  return new ZipingError('model_error', message, { details, cause: error });
}

/** Any failure of a model call as a ZipingError (one that already is one is returned as it is). */
export function modelError(error: unknown, streamRetries: number, calls: ModelCalls): ZipingError {
  if (error instanceof ZipingError) return error;
  const { maxRetries, timeoutMs, where } = calls;
  const base = { drafter: 'model', model: calls.model };
  const tooLong = outputTooLong(error);
  if (tooLong) return new ZipingError('model_output_too_long', tooLong.message, { details: base, cause: error });
  if (error instanceof StreamBroken) return streamError(error, streamRetries, calls, base);
  if (error instanceof BadAnswer) return new ZipingError('model_error', error.message, { details: base, cause: error });
  const tried = maxRetries ? `，已重试${maxRetries}次` : '';
  if (error instanceof OpenAI.APIConnectionTimeoutError) {
    const message = `模型服务在${seconds(timeoutMs)}内没有响应${tried}`;
    return new ZipingError('model_timeout', message, { details: { ...base, retries: maxRetries }, cause: error });
  }
  if (error instanceof OpenAI.APIConnectionError) {
    const message = `无法连接模型服务 ${where}${tried}：${error.message}`;
    const details = { ...base, retries: maxRetries, transient: true };
    return new ZipingError('model_error', message, { details, cause: error });
  }
  if (error instanceof OpenAI.APIError) return httpError(error, calls, base);
  const message = error instanceof Error ? error.message : String(error);
  return new ZipingError('model_error', `调用模型失败：${message}`, { details: base, cause: error });
}

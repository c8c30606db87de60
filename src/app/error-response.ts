/**
 * One error shape for every response: `{ error: { code, message, issues? } }`, from the single
 * `app.onError`, the 404 handler and the body limit.
 */
import type { Context, ErrorHandler, NotFoundHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { ZipingError, type ErrorCode } from '../core/errors.js';
import { STATUS_OF_CODE } from './error-status.js';

/** The JSON response for a ZipingError; `details.retryAfterSeconds` becomes `Retry-After` (429, quotas). */
export function errorResponse(c: Context, error: ZipingError): Response {
  const retryAfter = error.details?.retryAfterSeconds;
  if (typeof retryAfter === 'number') c.header('Retry-After', String(retryAfter));
  return c.json(error.toJSON(), STATUS_OF_CODE[error.code]);
}

const CODE_BY_STATUS: Record<number, ErrorCode> = {
  400: 'invalid_request',
  404: 'not_found',
  409: 'version_conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  428: 'precondition_required',
};

const isJsonRequest = (c: Context): boolean =>
  /^application\/(?:[\w.-]{1,100}\+)?json\b/i.test(c.req.header('content-type') ?? '');

/** Why a JSON body does not parse, in Chinese (the validator only says "Malformed JSON"). */
async function malformedJson(c: Context, cause: unknown): Promise<ZipingError> {
  const text = await c.req.text();
  if (text.trim() === '') return new ZipingError('invalid_json', '请求体为空：应为 JSON', { cause });
  try {
    JSON.parse(text);
  } catch (error) {
    return new ZipingError('invalid_json', `请求体不是有效的 JSON：${(error as Error).message}`, { cause });
  }
  return new ZipingError('invalid_json', '请求体不是有效的 JSON', { cause });
}

/** Hono's own exceptions (thrown by its middleware and validators) in our shape. */
async function fromHttpException(c: Context, error: HTTPException): Promise<ZipingError> {
  // The JSON validator's only 400 is a body that does not parse
  if (error.status === 400 && isJsonRequest(c)) return malformedJson(c, error);
  if (error.status === 415) {
    return new ZipingError('unsupported_media_type', '请求体应为 JSON：请带 Content-Type: application/json', {
      cause: error,
    });
  }
  const code = CODE_BY_STATUS[error.status] ?? 'internal_error';
  const message = code === 'internal_error' ? '服务内部错误，请稍后再试' : `请求无法处理（HTTP ${error.status}）`;
  return new ZipingError(code, message, { cause: error });
}

/** The app's one error handler; unexpected errors are logged and answered with a generic 500. */
export function onAppError(logError: (message: string, error: unknown) => void): ErrorHandler {
  return async (error, c) => {
    if (error instanceof ZipingError) {
      if (STATUS_OF_CODE[error.code] >= 500) {
        logError(`[ziping] ${c.req.method} ${c.req.path}: ${error.message}`, error.cause ?? error);
      }
      return errorResponse(c, error);
    }
    if (error instanceof HTTPException) return errorResponse(c, await fromHttpException(c, error));
    logError(`[ziping] ${c.req.method} ${c.req.path} failed`, error);
    const message = '服务内部错误，请稍后再试；如果一再出现，请联系管理员并提供出错时间。';
    return errorResponse(c, new ZipingError('internal_error', message));
  };
}

/** 404 for any path no route serves, in the same JSON shape. */
export const onNotFound: NotFoundHandler = (c) =>
  errorResponse(
    c,
    new ZipingError('not_found', `没有这个接口：${c.req.method} ${c.req.path}。接口说明见 /api/openapi.json`),
  );

/**
 * One error shape for every response: `{ error: { code, message, issues? } }`, from the single
 * `app.onError`, the 404 handler and the body limit.
 */
import type { Context, ErrorHandler, NotFoundHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { ZipingError, type ErrorCode } from '../core/errors.js';

/** The JSON response for a ZipingError. */
export function errorResponse(c: Context, error: ZipingError): Response {
  return c.json(error.toJSON(), error.status as ContentfulStatusCode);
}

const CODE_BY_STATUS: Record<number, ErrorCode> = {
  400: 'invalid_request',
  404: 'not_found',
  409: 'version_conflict',
  413: 'payload_too_large',
  428: 'precondition_required',
};

/** Hono's own exceptions (thrown by its middleware) in our shape. */
function fromHttpException(error: HTTPException): ZipingError {
  const code = CODE_BY_STATUS[error.status] ?? 'internal_error';
  const message = code === 'internal_error' ? '服务内部错误，请稍后再试' : `请求无法处理（HTTP ${error.status}）`;
  return new ZipingError(code, message, { cause: error });
}

/** The app's one error handler; unexpected errors are logged and answered with a generic 500. */
export function onAppError(logError: (message: string, error: unknown) => void): ErrorHandler {
  return (error, c) => {
    if (error instanceof ZipingError) {
      if (error.status >= 500) logError(`[ziping] ${c.req.method} ${c.req.path}: ${error.message}`, error.cause ?? error);
      return errorResponse(c, error);
    }
    if (error instanceof HTTPException) return errorResponse(c, fromHttpException(error));
    logError(`[ziping] ${c.req.method} ${c.req.path} failed`, error);
    return errorResponse(c, new ZipingError('internal_error', '服务内部错误，请稍后再试；如果一再出现，请联系管理员并提供出错时间。'));
  };
}

/** 404 for any path no route serves, in the same JSON shape. */
export const onNotFound: NotFoundHandler = (c) =>
  errorResponse(c, new ZipingError('not_found', `没有这个接口：${c.req.method} ${c.req.path}。接口说明见 /api/openapi.json`));
